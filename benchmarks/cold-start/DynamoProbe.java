/*
 * DynamoDB client construction in a fresh JVM, after the logging backend has started (as in a function's init):
 * wall ms, main-thread CPU ms and classes loaded by building the client the way AwsSettings.configure does, with
 * the credentials chain AwsSettings uses ("chain") or environment-variable credentials alone ("env").
 * Not part of the build; run as a single-file program against a function jar:
 *
 *   AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=y java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
 *     -cp functions/incoming-call/target/lambda/incoming-call.jar benchmarks/cold-start/DynamoProbe.java chain
 *
 * prints "dprobe <variant> <wall ms> <cpu ms> <classes>" on stderr (docs/performance.md).
 */
import java.lang.management.ManagementFactory;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.*;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

public class DynamoProbe {
    public static void main(String[] args) {
        org.slf4j.LoggerFactory.getLogger("dev.switchboard.x").info("logging first, as the function does");
        long t0 = System.nanoTime();
        var tb = ManagementFactory.getThreadMXBean();
        long c0 = tb.getCurrentThreadCpuTime();
        int k0 = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        var b = DynamoDbClient.builder().region(Region.US_EAST_1);
        switch (args[0]) {
            case "chain" -> b.credentialsProvider(AwsCredentialsProviderChain.of(SystemPropertyCredentialsProvider.create(),
                    EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.create()));
            case "env" -> b.credentialsProvider(EnvironmentVariableCredentialsProvider.create());
            default -> throw new IllegalArgumentException(args[0]);
        }
        DynamoDbClient c = b.httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).build())
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(3)).build()).build();
        long c1 = tb.getCurrentThreadCpuTime();
        int k1 = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        System.err.printf("dprobe %s %d %d %d%n", args[0], (System.nanoTime() - t0) / 1_000_000, (c1 - c0) / 1_000_000, k1 - k0);
    }
}
