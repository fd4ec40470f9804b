/*
 * The floor under the local stack's latency: DynamoDB Local's own UpdateItem (the write every incoming call makes),
 * timed from a client alone, at the load local-load.sh puts on the stack: RATE writes a second, then CALLERS writes
 * at once, BURSTS times; each load twice, the second pass reported after the first warmed both sides.
 * Not part of the build; run as a single-file program against a function jar, with the local stack on fixed ports:
 *
 *   java -jar local/target/switchboard-local.jar --in-memory --port 3987 --dynamodb-port 8765 --sqs-port 9765 \
 *     --s3-port 0 --no-sandbox &
 *   java -cp functions/incoming-call/target/lambda/incoming-call.jar benchmarks/local-load/DynamoLocalLatency.java \
 *     http://localhost:8765 50 1000 32 25
 *
 * prints p50/p90/p99/max in milliseconds per load and pass (docs/performance.md "Local stack under load").
 */
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

public class DynamoLocalLatency {

    private static final AtomicLong ITEMS = new AtomicLong();

    public static void main(String[] args) throws Exception {
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create(args[0])).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        int rate = Integer.parseInt(args[1]);
        int writes = Integer.parseInt(args[2]);
        int callers = Integer.parseInt(args[3]);
        int bursts = Integer.parseInt(args[4]);
        for (int pass = 1; pass <= 2; pass++) {
            List<Long> latencies = new ArrayList<>();
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime();
            for (int i = 0; i < writes; i++) {
                long planned = start + i * interval;
                long wait = planned - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                long sent = System.nanoTime();
                write(dynamo);
                latencies.add(System.nanoTime() - sent);
            }
            print("pass " + pass + ": " + rate + " writes/s, " + writes + " writes", latencies);
        }
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        for (int pass = 1; pass <= 2; pass++) {
            List<Long> latencies = new ArrayList<>();
            for (int b = 0; b < bursts; b++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Long>> calls = new ArrayList<>();
                for (int c = 0; c < callers; c++) {
                    calls.add(pool.submit(() -> {
                        go.await();
                        long sent = System.nanoTime();
                        write(dynamo);
                        return System.nanoTime() - sent;
                    }));
                }
                go.countDown();
                for (Future<Long> call : calls) {
                    latencies.add(call.get());
                }
                Thread.sleep(200);
            }
            print("pass " + pass + ": " + callers + " writes at once, " + bursts + " times", latencies);
        }
        pool.shutdown();
    }

    /** A call record's write, as the incoming-call function makes it (one new item per call). */
    private static void write(DynamoDbClient dynamo) {
        dynamo.updateItem(b -> b.tableName("SwitchboardTable")
                .key(Map.of("pk", AttributeValue.fromS("CALL#CAprobe" + ITEMS.incrementAndGet()), "sk", AttributeValue.fromS("CALL")))
                .updateExpression("SET #status = :status, #from = :from, #to = :to")
                .expressionAttributeNames(Map.of("#status", "status", "#from", "from", "#to", "to"))
                .expressionAttributeValues(Map.of(":status", AttributeValue.fromS("ringing"),
                        ":from", AttributeValue.fromS("+19045551234"), ":to", AttributeValue.fromS("+19045550200"))));
    }

    private static void print(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int n = sorted.size();
        System.out.printf("%s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, sorted.get(n / 2) / 1e6,
                sorted.get((int) Math.ceil(n * 0.9) - 1) / 1e6, sorted.get((int) Math.ceil(n * 0.99) - 1) / 1e6,
                sorted.get(n - 1) / 1e6);
    }
}
