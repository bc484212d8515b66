#!/usr/bin/env bash
# Push-ingestion benchmark: the real callback stack (handlers, verifier, group-commit writer, job
# queue) on a loopback port, fed by concurrent pushers for ~10 s per delivery mode — CloudRun JSON,
# then standard encrypted XML — on a fresh MariaDB database that is dropped afterwards.
#
#   bench/run.sh                     # MariaDB at $TEST_MYSQL_ADDRESS (default 127.0.0.1:3306, root)
#   DB=sqlite bench/run.sh           # embedded SQLite in a temporary file
#   DURATION=30s bench/run.sh -concurrency 128
#
# Figures printed per mode: pushes/s, p50/p90/p99 latency, rows stored, jobs, writer batching.
# Targets on the 2-core dev machine: ≥15,000 pushes/s JSON, ≥10,000/s encrypted, p99 ≤ 10 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
go build -o "${TMPDIR:-/tmp}/pushload" ./bench/pushload
exec "${TMPDIR:-/tmp}/pushload" -mode both -duration "${DURATION:-10s}" -db "${DB:-mysql}" "$@"
