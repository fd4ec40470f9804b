#!/usr/bin/env bash
# The local stack under load, as a whole process: starts switchboard-local.jar (in memory, off the usual ports),
# waits until its functions are initialized, warms it up (WARMUP_CALLS calls at RATE, default 3000, and WARMUP_BURSTS
# bursts, default 10: the JIT's compiles done), then drives POST /twilio/voice with signed webhooks: RATE calls a
# second for SECONDS_STEADY, then CALLERS callers at once, BURSTS times. Prints p50/p90/p99/max in milliseconds.
#
#   mvn -q -Pbench -DskipTests package && bash benchmarks/local-load/local-load.sh
#
# LOCAL_JAR runs another build of the stack (e.g. an older checkout's) against the same load; STACK_ARGS adds
# options (e.g. "--max-concurrency 4"), STACK_JAVA_OPTS JVM options (e.g. "-Xlog:gc"); STACK_LOG keeps its output.
# The stack runs C1 only with the serial collector, as Lambda does (it relaunches itself with -XX:TieredStopAtLevel=1
# -XX:+UseSerialGC, local/README.md); SWITCHBOARD_LOCAL_JIT=default runs it with the JVM's own tiered compilation
# (C2 too) and STACK_JAVA_OPTS=-XX:+UseG1GC with G1, for comparison.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNNER=benchmarks/local-load/target/local-load-runner.jar
LOCAL_JAR="${LOCAL_JAR:-local/target/switchboard-local.jar}"
HTTP_PORT="${HTTP_PORT:-3876}"
OUT=benchmarks/local-load/target/local-load.md
DATA=$(mktemp -d)
STACK_LOG="${STACK_LOG:-$(mktemp)}"

for f in "$RUNNER" "$LOCAL_JAR"; do
  [ -f "$f" ] || { echo "missing $f: run 'mvn -q -Pbench -DskipTests package' first" >&2; exit 1; }
done

# shellcheck disable=SC2086
java ${STACK_JAVA_OPTS:-} -jar "$LOCAL_JAR" --in-memory --data-dir "$DATA" --port "$HTTP_PORT" --dynamodb-port 0 --sqs-port 0 --s3-port 0 \
  --sandbox-port 0 ${STACK_ARGS:-} >"$STACK_LOG" 2>&1 &
STACK_PID=$!
trap 'kill $STACK_PID 2>/dev/null || true; wait $STACK_PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
started() { # ready, and (stacks that initialize functions in the background) every function initialized
  grep -q "Ready on" "$STACK_LOG" && { ! grep -q "functions are initializing" "$STACK_LOG" || grep -q "functions initialized" "$STACK_LOG"; }
}
for _ in $(seq 1 240); do
  started && break
  sleep 0.5
done
started && curl -fs "http://localhost:$HTTP_PORT/health" >/dev/null || { cat "$STACK_LOG"; echo "local stack did not start" >&2; exit 1; }

mkdir -p "$(dirname "$OUT")"
{
  java -Drate="${RATE:-50}" -Dseconds="${SECONDS_STEADY:-20}" -Dcallers="${CALLERS:-32}" -Dbursts="${BURSTS:-25}" \
    -Dwarmup="${WARMUP_CALLS:-3000}" -DwarmupBursts="${WARMUP_BURSTS:-10}" \
    -jar "$RUNNER" "http://localhost:$HTTP_PORT" "$(cat "$DATA/local-auth-token")"
  echo
  echo "($(basename "$LOCAL_JAR") ${STACK_ARGS:-}; warm-up ${WARMUP_CALLS:-3000} calls, ${WARMUP_BURSTS:-10} bursts; java $(java -version 2>&1 | head -1 | cut -d'"' -f2), $(nproc) cores)"
} | tee "$OUT"
