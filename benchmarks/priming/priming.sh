#!/usr/bin/env bash
# SnapStart priming, per function, in whole processes: the first request right after init, the first request
# after Priming.runBeforeCheckpoint() and the restore hooks (what Lambda runs around a SnapStart snapshot),
# and the warm median, each function in fresh JVMs with Lambda's flags and its local-stack environment
# (DynamoDB Local, ElasticMQ, s3proxy and the Twilio sandbox in the benchmark's JVM). Prints a Markdown table.
#
#   mvn -q -Pbench -DskipTests package && bash benchmarks/priming/priming.sh
#   ROUNDS=5 WARM=200 bash benchmarks/priming/priming.sh IncomingCallFunction QuoteFunction
set -euo pipefail
cd "$(dirname "$0")/../.."

ROUNDS="${ROUNDS:-3}"
WARM="${WARM:-200}"
RUNNER=benchmarks/cold-start/target/cold-start-runner.jar
BENCH=benchmarks/priming/target/priming-1.0.0-SNAPSHOT.jar
OUT=benchmarks/priming/target/priming.md
for f in "$RUNNER" "$BENCH" local/target/switchboard-local.jar; do
  [ -f "$f" ] || { echo "missing $f: run 'mvn -q -Pbench -DskipTests package' first" >&2; exit 1; }
done
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
java -cp "local/target/switchboard-local.jar:$BENCH" dev.switchboard.local.PrimingBench . "$RUNNER" "$ROUNDS" "$WARM" "$@" \
  2>benchmarks/priming/target/priming.log | tee "$OUT" || { tail -30 benchmarks/priming/target/priming.log; exit 1; }
echo "java $(java -version 2>&1 | head -1 | cut -d'"' -f2), $(nproc) cores; load average before: $LOAD_BEFORE" | tee -a "$OUT"
