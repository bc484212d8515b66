#!/usr/bin/env bash
# Push-ingestion benchmark: the real callback stack (handlers, verifier, group-commit writer, job
# queue) on a loopback port, fed by concurrent pushers for ~10 s per delivery mode — CloudRun JSON,
# then standard encrypted XML — on a fresh MariaDB database that is dropped afterwards. Then the
# forwarding benchmark (bench/forward) on its own scratch database.
#
#   bench/run.sh                     # MariaDB at $TEST_MYSQL_ADDRESS (default 127.0.0.1:3306, root)
#   DB=sqlite bench/run.sh           # embedded SQLite in a temporary file
#   DURATION=30s bench/run.sh -concurrency 128      # arguments go to pushload
#   FORWARD_N=500 FORWARD_DRAIN=10000 bench/run.sh  # sizes of the forwarding runs (these defaults)
#
# Figures printed per mode: pushes/s, p50/p90/p99 latency, rows stored, jobs, writer batching.
# Targets on the 2-core dev machine: ≥15,000 pushes/s JSON, ≥10,000/s encrypted, p99 ≤ 10 ms.
# Forwarding: push → business service p50/p99 (sync and async rules), outbox deliveries/s with
# the time in claims, outcome writes and POSTs, and a bare net/http baseline of the same POSTs.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${TMPDIR:-/tmp}"
go build -o "$bin/pushload" ./bench/pushload
go build -o "$bin/forwardbench" ./bench/forward
"$bin/pushload" -mode both -duration "${DURATION:-10s}" -db "${DB:-mysql}" "$@"
"$bin/forwardbench" -db "${DB:-mysql}" -n "${FORWARD_N:-500}" -drain "${FORWARD_DRAIN:-10000}"
