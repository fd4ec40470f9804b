/*
 * The floor under the local stack's latency: DynamoDB Local's own UpdateItem (the write every incoming call makes),
 * timed from a client alone, in the shapes and with the percentiles local-load.sh uses on the stack (LoadShapes):
 * RATE writes a second for SECONDS, then CALLERS writes at once, BURSTS times; each load twice, the second pass
 * reported after the first warmed both sides.
 * Not part of the build; run as a single-file program with the runner jar and a function jar (for the SDK), with
 * the local stack on fixed ports:
 *
 *   java -jar local/target/switchboard-local.jar --in-memory --port 3987 --dynamodb-port 8765 --sqs-port 9765 \
 *     --s3-port 0 --no-sandbox &
 *   java -cp benchmarks/local-load/target/local-load-runner.jar:functions/incoming-call/target/lambda/incoming-call.jar \
 *     benchmarks/local-load/DynamoLocalLatency.java http://localhost:8765 50 20 32 25 [plain|switchboard]
 *
 * The last argument picks the client: "plain" (default) is the SDK's URL-connection client as built by hand;
 * "switchboard" is the one every function builds (AwsSettings: OneWriteHttpClient, priming wrapper, timeouts),
 * so the two side by side show what sending a small request in one write is worth.
 * prints a Markdown table of p50/p90/p99/max in milliseconds (docs/performance.md "Local stack under load").
 */
import dev.switchboard.bench.localload.LoadShapes;
import dev.switchboard.shared.config.AwsSettings;
import dev.switchboard.shared.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

public class DynamoLocalLatency {

    private static final AtomicLong ITEMS = new AtomicLong();

    public static void main(String[] args) throws Exception {
        boolean switchboard = args.length > 5 && args[5].equals("switchboard");
        DynamoDbClient dynamo = switchboard
                ? new AwsSettings(Env.of(Map.of("AWS_REGION", "us-east-1")))
                        .withEndpoint(URI.create(args[0]), "local", "local")
                        .configure(DynamoDbClient.builder(), Duration.ofSeconds(10)).build()
                : DynamoDbClient.builder().endpointOverride(URI.create(args[0])).region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                        .httpClient(UrlConnectionHttpClient.create()).build();
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int callers = Integer.parseInt(args[3]);
        int bursts = Integer.parseInt(args[4]);
        ExecutorService writers = Executors.newCachedThreadPool();
        ExecutorService releasers = Executors.newCachedThreadPool();
        // A write on its own thread, as the stack's functions make it; completes when DynamoDB Local answered.
        Supplier<CompletableFuture<Long>> write = () -> CompletableFuture.supplyAsync(() -> {
            write(dynamo);
            return System.nanoTime();
        }, writers);
        System.out.println(LoadShapes.header("UpdateItem on DynamoDB Local, " + (switchboard ? "switchboard" : "plain") + " client"));
        for (int pass = 1; pass <= 2; pass++) {
            System.out.println(LoadShapes.row("pass " + pass + ": " + rate + " writes/s for " + seconds + " s",
                    LoadShapes.steady(rate, seconds, write)));
        }
        for (int pass = 1; pass <= 2; pass++) {
            System.out.println(LoadShapes.row("pass " + pass + ": " + callers + " writes at once, " + bursts + " times",
                    LoadShapes.bursts(callers, bursts, releasers, write)));
        }
        writers.shutdown();
        releasers.shutdown();
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
}
