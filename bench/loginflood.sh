#!/usr/bin/env bash
# Login-flood benchmark (issue: logins must not starve pushes). Builds the real service binary,
# runs it on a fresh MariaDB database (dropped afterwards), sends CloudRun JSON pushes at a fixed
# rate and prints their p50/p90/p99 latency alone, then while 40 loopback addresses
# (127.0.1.x) flood PUT /wxcomponent/auth with random usernames, then how long the owner's own
# login takes from a fresh address while as many addresses guess its password. Prints figures,
# asserts nothing.
#
#   bench/loginflood.sh                        # 100 pushes/s, 10 s per phase
#   bench/loginflood.sh -rate 200 -duration 20s -sources 80
#   bench/loginflood.sh -hash-slots 64         # roughly the old behaviour: no hashing cap
set -euo pipefail
cd "$(dirname "$0")/.."
go build -o "${TMPDIR:-/tmp}/wxcomponent-loginflood-svc" .
go build -o "${TMPDIR:-/tmp}/loginflood" ./bench/loginflood
exec "${TMPDIR:-/tmp}/loginflood" -binary "${TMPDIR:-/tmp}/wxcomponent-loginflood-svc" "$@"
