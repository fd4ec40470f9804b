package dev.switchboard.emulators;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import scala.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB Local, ElasticMQ (SQS) and s3proxy (S3) running inside this JVM, started in parallel.
 *
 * <pre>{@code
 * try (AwsEmulators aws = AwsEmulators.startInMemory()) {          // random free ports, nothing on disk
 *     Map<String, String> env = aws.clientEnvironment();           // AWS_REGION, keys, AWS_ENDPOINT_URL_*
 *     aws.sqs().listQueues();                                       // shared clients, closed with the emulators
 * }
 * AwsEmulators.builder().dynamoDbPort(8000).sqsPort(9324).s3Port(9000)
 *         .dataDirectory(Path.of(".switchboard-data")).start();    // fixed ports, tables and objects persist
 * }</pre>
 *
 * <p>All three accept the fixed test credentials {@value #ACCESS_KEY_ID}/{@value #SECRET_ACCESS_KEY} in
 * region {@value #REGION}; s3proxy checks SigV2/SigV4 signatures against them. With a data directory,
 * DynamoDB keeps its tables in {@code <dir>/dynamodb}, S3 its objects in {@code <dir>/s3} and SQS its queues
 * and messages in {@code <dir>/sqs} (ElasticMQ's SQL message store on H2): nothing queued is lost when the
 * process stops. Without one, S3 still uses the filesystem (a temporary directory deleted on
 * {@link #close()}) so that large recordings never sit on the heap.
 *
 * <p>Logging note: DynamoDB Local logs through log4j2 (its jar's own configuration: WARN, its own logger
 * silent); ElasticMQ, s3proxy and Jetty log through SLF4J, to the backend of the module using this one (the
 * functions' Logback in their tests, log4j2 in the local stack).
 */
public final class AwsEmulators implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String ACCESS_KEY_ID = "local";
    public static final String SECRET_ACCESS_KEY = "local";
    /** The one interface all three listen on. */
    public static final String LOOPBACK = "127.0.0.1";

    private final DynamoDBProxyServer dynamoDbServer;
    private final SQSRestServer sqsServer;
    private final S3Proxy s3Proxy;
    private final AwsEndpoints endpoints;
    private final Path dataDirectory;
    private final Path temporaryS3Directory;

    private DynamoDbClient dynamoDbClient;
    private SqsClient sqsClient;
    private S3Client s3Client;
    private boolean closed;

    private AwsEmulators(Started<DynamoDBProxyServer> dynamoDb, Started<SQSRestServer> sqs, Started<S3Proxy> s3,
            Path dataDirectory, Path temporaryS3Directory) {
        this.dynamoDbServer = dynamoDb.server();
        this.sqsServer = sqs.server();
        this.s3Proxy = s3.server();
        this.endpoints = AwsEndpoints.localhost(dynamoDb.port(), sqs.port(), s3.port());
        this.dataDirectory = dataDirectory;
        this.temporaryS3Directory = temporaryS3Directory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All three on random free ports, in memory. */
    public static AwsEmulators startInMemory() {
        return builder().start();
    }

    public AwsEndpoints endpoints() {
        return endpoints;
    }

    public URI dynamoDbEndpoint() {
        return endpoints.dynamoDb();
    }

    public URI sqsEndpoint() {
        return endpoints.sqs();
    }

    public URI s3Endpoint() {
        return endpoints.s3();
    }

    public int dynamoDbPort() {
        return endpoints.dynamoDb().getPort();
    }

    public int sqsPort() {
        return endpoints.sqs().getPort();
    }

    public int s3Port() {
        return endpoints.s3().getPort();
    }

    /** See {@link AwsEndpoints#clientEnvironment()}. */
    public Map<String, String> clientEnvironment() {
        return endpoints.clientEnvironment();
    }

    /** The directory tables and objects persist in; empty when in memory. */
    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDirectory);
    }

    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDbClient == null) {
            dynamoDbClient = endpoints.newDynamoDbClient();
        }
        return dynamoDbClient;
    }

    public synchronized SqsClient sqs() {
        if (sqsClient == null) {
            sqsClient = endpoints.newSqsClient();
        }
        return sqsClient;
    }

    public synchronized S3Client s3() {
        if (s3Client == null) {
            s3Client = endpoints.newS3Client();
        }
        return s3Client;
    }

    /** Stops all three (and the shared clients); safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable client : new AutoCloseable[] {dynamoDbClient, sqsClient, s3Client}) {
            quietly(client, failures);
        }
        quietly(s3Proxy::stop, failures);
        quietly(() -> stopSqs(sqsServer), failures);
        quietly(dynamoDbServer::stop, failures);
        if (temporaryS3Directory != null) {
            deleteRecursively(temporaryS3Directory);
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("An emulator did not stop cleanly", failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }

    /**
     * Stops ElasticMQ, waiting a few seconds at most. During JVM shutdown (Ctrl-C) Pekko's own shutdown
     * hook races this stop, and ElasticMQ's stopAndWait can then wait a full minute for an unbind that
     * never completes; its messages are in memory anyway, so there is nothing to wait for.
     */
    private static void stopSqs(SQSRestServer server) {
        scala.concurrent.Future<Object> stopped = server.stopAndGetFuture().apply();
        try {
            scala.concurrent.Await.ready(stopped, scala.concurrent.duration.Duration.create(5, TimeUnit.SECONDS));
        } catch (Exception timedOutOrInterrupted) {
            // Abandoned: its threads end with the JVM (or with the test run).
        }
    }

    private static void quietly(AutoCloseable closeable, List<Exception> failures) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            failures.add(e);
        }
    }

    /** Options; ports default to 0 (a free port), storage to in-memory. */
    public static final class Builder {
        private int dynamoDbPort;
        private int sqsPort;
        private int s3Port;
        private Path dataDirectory;

        private Builder() {
        }

        public Builder dynamoDbPort(int port) {
            this.dynamoDbPort = checkPort(port);
            return this;
        }

        public Builder sqsPort(int port) {
            this.sqsPort = checkPort(port);
            return this;
        }

        public Builder s3Port(int port) {
            this.s3Port = checkPort(port);
            return this;
        }

        /** Persist DynamoDB tables and S3 objects under {@code directory} (created if missing). */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /** Keep nothing between runs (the default). */
        public Builder inMemory() {
            this.dataDirectory = null;
            return this;
        }

        /** Starts the three emulators in parallel; if one fails, the others are stopped and the error thrown. */
        public AwsEmulators start() {
            Path data = dataDirectory == null ? null : dataDirectory.toAbsolutePath().normalize();
            Path s3Directory;
            Path temporary = null;
            try {
                if (data != null) {
                    Files.createDirectories(data.resolve("dynamodb"));
                    s3Directory = Files.createDirectories(data.resolve("s3"));
                } else {
                    temporary = Files.createTempDirectory("switchboard-s3-");
                    s3Directory = temporary;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the emulators' data directory", e);
            }

            ExecutorService starters = Executors.newFixedThreadPool(3, r -> {
                Thread t = new Thread(r, "emulator-start");
                t.setDaemon(true);
                return t;
            });
            try {
                CompletableFuture<Started<DynamoDBProxyServer>> dynamoDb =
                        CompletableFuture.supplyAsync(() -> startDynamoDb(dynamoDbPort, data), starters);
                CompletableFuture<Started<SQSRestServer>> sqs =
                        CompletableFuture.supplyAsync(() -> startSqs(sqsPort, data), starters);
                CompletableFuture<Started<S3Proxy>> s3 =
                        CompletableFuture.supplyAsync(() -> startS3(s3Port, s3Directory), starters);
                try {
                    CompletableFuture.allOf(dynamoDb, sqs, s3).join();
                } catch (CompletionException e) {
                    stopStarted(dynamoDb, sqs, s3);
                    if (temporary != null) {
                        deleteRecursively(temporary);
                    }
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    throw cause instanceof RuntimeException re ? re
                            : new IllegalStateException("An emulator failed to start", cause);
                }
                return new AwsEmulators(dynamoDb.join(), sqs.join(), s3.join(), data, temporary);
            } finally {
                starters.shutdown();
            }
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a TCP port: " + port);
            }
            return port;
        }
    }

    private record Started<T>(T server, int port) {
    }

    private static Started<DynamoDBProxyServer> startDynamoDb(int requestedPort, Path data) {
        int port = requestedPort == 0 ? freePort() : requestedPort;
        List<String> args = new ArrayList<>(List.of("-port", String.valueOf(port), "-disableTelemetry", "-sharedDb"));
        if (data == null) {
            args.add("-inMemory");
        } else {
            args.addAll(List.of("-dbPath", data.resolve("dynamodb").toString()));
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            listenOnLoopbackOnly(server);
            server.start();
            return new Started<>(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local could not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * DynamoDB Local has no option for its interface and listens on all of them; like ElasticMQ and s3proxy
     * here, it is bound to 127.0.0.1 (its Jetty connector, set before it starts).
     */
    private static void listenOnLoopbackOnly(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setHost(LOOPBACK);
            }
        }
    }

    private static Started<SQSRestServer> startSqs(int requestedPort, Path data) {
        int port = requestedPort == 0 ? freePort() : requestedPort;
        try {
            // The node address is what queue URLs are built from, so it must carry the real port.
            TheSQSRestServerBuilder builder = SQSRestServerBuilder
                    .withInterface(LOOPBACK)
                    .withPort(port)
                    .withServerAddress(new NodeAddress("http", "localhost", port, ""))
                    .withAWSRegion(REGION)
                    .withAWSAccountId(ACCOUNT_ID);
            ActorRef store = null;
            ActorRef queues = null;
            if (data != null) {
                // ElasticMQ's own message store (H2 under the data directory), wired as elasticmq-server wires it:
                // every queue and message event goes to the store, which restores them at the next start.
                ActorSystem system = ActorSystem.create("elasticmq");
                String uri = "jdbc:h2:" + data.resolve("sqs").resolve("messages").toAbsolutePath();
                store = system.actorOf(Props.create(SqlQueuePersistenceActor.class,
                        new SqlQueuePersistenceConfig(true, "org.h2.Driver", uri, "", "", false),
                        scala.collection.immutable.List$.MODULE$.empty()));
                queues = system.actorOf(Props.create(QueueManagerActor.class, new NowProvider(),
                        SQSRestServerBuilder.sqsLimits(), Option.apply(store)));
                builder = builder.withActorSystem(system).withQueueManagerActor(queues).withQueueEventListener(store);
            }
            SQSRestServer server = builder.start();
            server.waitUntilStarted();
            if (store != null) {
                Patterns.ask(store, new QueueEvent.Restore(queues), java.time.Duration.ofSeconds(30))
                        .toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            return new Started<>(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("ElasticMQ could not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static Started<S3Proxy> startS3(int requestedPort, Path directory) {
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(directory.toString()))
                    .endpoint(URI.create("http://" + LOOPBACK + ":" + requestedPort))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                    // Without this the SDK's multipart upload fails on x-amz-mp-object-size (501).
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            return new Started<>(proxy, proxy.getPort());
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy could not start on port " + requestedPort + ": " + e.getMessage(), e);
        }
    }

    @SafeVarargs
    private static void stopStarted(CompletableFuture<? extends Started<?>>... futures) {
        for (CompletableFuture<? extends Started<?>> future : futures) {
            Started<?> started = future.getNow(null);
            if (started == null) {
                continue;
            }
            try {
                if (started.server() instanceof DynamoDBProxyServer d) {
                    d.stop();
                } else if (started.server() instanceof SQSRestServer s) {
                    stopSqs(s);
                } else if (started.server() instanceof S3Proxy p) {
                    p.stop();
                }
            } catch (Exception ignored) {
                // Best effort: the start failure is what gets reported.
            }
        }
    }

    /**
     * A port that was free a moment ago (DynamoDB Local and ElasticMQ need the number up front; tests use
     * one as an address nobody listens on).
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port", e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }
}
