#!/usr/bin/env bash
# Cold start as a whole JVM process: start, load the function jar, answer one event, exit. Runs the
# incoming-call function and a hello-world handler packaged the same way, interleaved, RUNS times each,
# with the JVM flags Lambda's java21 runtime uses, and prints median / p90 / mean in milliseconds.
#
#   mvn -q -Pbench -DskipTests package && bash benchmarks/cold-start/cold-start.sh
#
# The incoming-call run writes its call record to a real DynamoDB (DynamoDB Local, started here through
# the local stack's emulators) so the first SDK call is part of what is measured.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS="${RUNS:-20}"
RUNNER=benchmarks/cold-start/target/cold-start-runner.jar
HELLO=benchmarks/hello-world/target/lambda/hello-world.jar
# HELLO_HANDLER=dev.switchboard.bench.hello.HelloWorldStreamHandler: the baseline as a stream handler (no serializer)
HELLO_HANDLER="${HELLO_HANDLER:-dev.switchboard.bench.hello.HelloWorldHandler}"
FUNCTION_JAR="${FUNCTION_JAR:-functions/incoming-call/target/lambda/incoming-call.jar}"
FUNCTION_HANDLER="${FUNCTION_HANDLER:-dev.switchboard.voice.IncomingCallHandler}"
EVENT="${EVENT:-events/incoming-call.json}"
JVM_FLAGS=(-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
OUT=benchmarks/cold-start/target/cold-start.md
DDB_PORT="${DDB_PORT:-8765}"
SQS_PORT="${SQS_PORT:-9765}"
HTTP_PORT="${HTTP_PORT:-3987}"

for f in "$RUNNER" "$HELLO" "$FUNCTION_JAR" local/target/switchboard-local.jar; do
  [ -f "$f" ] || { echo "missing $f: run 'mvn -q -Pbench -DskipTests package' first" >&2; exit 1; }
done

# DynamoDB Local with the template's table, from the local stack (in memory, off the usual ports).
STACK_LOG=$(mktemp)
java -jar local/target/switchboard-local.jar --in-memory --port "$HTTP_PORT" --dynamodb-port "$DDB_PORT" \
  --sqs-port "$SQS_PORT" --s3-port 0 --no-sandbox >"$STACK_LOG" 2>&1 &
STACK_PID=$!
trap 'kill $STACK_PID 2>/dev/null || true; wait $STACK_PID 2>/dev/null || true; rm -f "$STACK_LOG"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$HTTP_PORT/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://localhost:$HTTP_PORT/health" >/dev/null || { cat "$STACK_LOG"; echo "local stack did not start" >&2; exit 1; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
export TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000 TWILIO_AUTH_TOKEN=sample-auth-token \
  PUBLIC_BASE_URL=http://localhost:3000 TWILIO_FORWARD_TO=+19045550177 TABLE_NAME=SwitchboardTable \
  AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \
  AWS_ENDPOINT_URL_DYNAMODB="http://localhost:$DDB_PORT" AWS_ENDPOINT_URL_SQS="http://localhost:$SQS_PORT" \
  SMS_QUEUE_URL="$(curl -fs "http://localhost:$SQS_PORT/?Action=GetQueueUrl&QueueName=SmsQueue" \
    | sed -n 's:.*<QueueUrl>\(.*\)</QueueUrl>.*:\1:p')" \
  POWERTOOLS_SERVICE_NAME=switchboard AWS_LAMBDA_INITIALIZATION_TYPE=on-demand

# VARIANTS: extra JVM flags for the function, one variant per line as "name|flags" (e.g. a log configuration
# given by -Dlogback.configurationFile=benchmarks/cold-start/logback-console.xml), or "name|flags|jar" to run
# another build of the function (e.g. one saved from before a change); each runs interleaved with the others
# and hello-world.
VARIANTS="${VARIANTS:-as built|}"
TIMES=$(mktemp)
run_once() { # jar handler [flags...] -> prints "elapsed_ms cpu_ms" (cpu: user+sys of the whole process); fails if the handler did not answer 200
  local jar=$1 handler=$2 start end out
  shift 2
  start=$(date +%s%N)
  out=$(/usr/bin/time -f "%U %S" -o "$TIMES" java "${JVM_FLAGS[@]}" "$@" -cp "$RUNNER:$jar" \
    dev.switchboard.bench.coldstart.ColdStartRunner "$handler" "$EVENT" 2>/dev/null)
  end=$(date +%s%N)
  grep -q '"statusCode":200' <<<"$out" || { echo "unexpected answer from $handler: $out" >&2; exit 1; }
  echo "$(( (end - start) / 1000000 )) $(awk '{printf "%d", ($1 + $2) * 1000}' "$TIMES")"
}
stats() { # numbers on stdin -> "median p90 mean"
  sort -n | awk '{a[NR]=$1; s+=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; p=a[int(NR*0.9+0.999)]; printf "%d %d %d\n", m, p, s/NR}'
}

mapfile -t names < <(printf '%s\n' "$VARIANTS" | cut -d'|' -f1)
mapfile -t flags < <(printf '%s\n' "$VARIANTS" | cut -d'|' -f2)
mapfile -t jars < <(printf '%s\n' "$VARIANTS" | awk -F'|' -v d="$FUNCTION_JAR" '{print ($3 == "") ? d : $3}')
run_once "$HELLO" "$HELLO_HANDLER" >/dev/null   # warm the page cache
run_once "$FUNCTION_JAR" "$FUNCTION_HANDLER" >/dev/null
RESULTS=$(mktemp -d)
for i in $(seq 1 "$RUNS"); do
  run_once "$HELLO" "$HELLO_HANDLER" >>"$RESULTS/hello"
  for v in "${!names[@]}"; do
    # shellcheck disable=SC2086
    run_once "${jars[$v]}" "$FUNCTION_HANDLER" ${flags[$v]} >>"$RESULTS/$v"
  done
done
read -r hm hp ha < <(cut -d' ' -f1 "$RESULTS/hello" | stats)
read -r hc _ _ < <(cut -d' ' -f2 "$RESULTS/hello" | stats)
mkdir -p "$(dirname "$OUT")"
{
  echo "| process (${RUNS} runs each, interleaved) | median ms | p90 ms | mean ms | median CPU ms (user+sys) | median ratio to hello-world |"
  echo "|---|---|---|---|---|---|"
  echo "| hello-world handler, ${HELLO_HANDLER##*.} ($(du -h "$HELLO" | cut -f1) jar) | $hm | $hp | $ha | $hc | 1.00× |"
  for v in "${!names[@]}"; do
    read -r fm fp fa < <(cut -d' ' -f1 "$RESULTS/$v" | stats)
    read -r fc _ _ < <(cut -d' ' -f2 "$RESULTS/$v" | stats)
    ratio=$(awk -v f="$fm" -v h="$hm" 'BEGIN {printf "%.2f", f/h}')
    echo "| $(basename "${jars[$v]}" .jar) ($(du -h "${jars[$v]}" | cut -f1) jar), ${names[$v]} | $fm | $fp | $fa | $fc | ${ratio}× |"
  done
  echo
  echo "java $(java -version 2>&1 | head -1 | cut -d'"' -f2), $(nproc) cores, flags: ${JVM_FLAGS[*]}; load average before: $LOAD_BEFORE"
} | tee "$OUT"
rm -rf "$RESULTS" "$TIMES"
