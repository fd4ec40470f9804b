package dev.switchboard.local;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.emulators.AwsEmulators;
import dev.switchboard.emulators.AwsEndpoints;
import dev.switchboard.emulators.FunctionDefinition;
import dev.switchboard.emulators.HttpApiRoute;
import dev.switchboard.emulators.IntrinsicResolver;
import dev.switchboard.emulators.LocalResources;
import dev.switchboard.emulators.Provisioner;
import dev.switchboard.emulators.QueueDefinition;
import dev.switchboard.emulators.SamTemplate;
import dev.switchboard.emulators.SdkSystemProperties;
import dev.switchboard.emulators.SqsEventSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole template running in this JVM: DynamoDB Local, ElasticMQ and s3proxy with the template's
 * tables, queues and buckets, every function loaded from its own jar in its own class loader and its
 * handlers constructed with its own environment ({@link LambdaFunction}), the HttpApi routes served over
 * real HTTP, the SQS event sources polled, and a Twilio sandbox.
 *
 * <p>The functions' AWS SDK clients find the emulators through the SDK's own system properties
 * ({@link SdkSystemProperties}), set while the stack runs and restored when it closes.
 *
 * <h2>In tests</h2>
 * <pre>{@code
 * static LocalStack stack;
 *
 * @BeforeAll
 * static void start() {
 *     stack = LocalStack.builder()
 *             .template(Path.of("../template.yaml"))                 // relative to the module directory
 *             .environment("TWILIO_API_BASE_URL", wiremock.baseUrl()) // on top of everything but AWS settings
 *             .start();                                               // random ports, in memory
 * }
 *
 * @AfterAll
 * static void stop() {
 *     stack.close();
 * }
 *
 * // stack.baseUrl() + "/twilio/voice", signed with stack.authToken() and stack.environment(id).get("PUBLIC_BASE_URL")
 * // stack.emulators().dynamoDb() / .sqs() / .s3(), stack.resources().queueUrl("SmsQueue")
 * // stack.twilioSandbox().orElseThrow().messages()
 * }</pre>
 *
 * <p>Builder defaults suit tests: HTTP, emulators and sandbox on free ports (0), everything in memory
 * (tokens are random per stack unless a data directory is given), the process environment inherited
 * (turn off with {@link Builder#inheritProcessEnvironment(boolean)}). {@link Main} sets the fixed ports
 * and the data directory of the command line.
 *
 * <p>Each function's environment is described in {@link FunctionEnvironment}; the defaults used when the
 * user sets nothing in {@link LocalDefaults}. A handler whose constructor throws does not stop the stack:
 * its routes answer 500 and its queue is not polled ({@link #failedFunctions()}).
 */
public final class LocalStack implements AutoCloseable {

    public static final int DEFAULT_HTTP_PORT = 3000;
    public static final int DEFAULT_DYNAMODB_PORT = 8000;
    public static final int DEFAULT_SQS_PORT = 9324;
    public static final int DEFAULT_S3_PORT = 9000;
    public static final int DEFAULT_SANDBOX_PORT = 3001;
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of(".switchboard-data");
    private static final String LOG4J_SHUTDOWN_HOOK = "log4j2.shutdownHookEnabled";

    /**
     * Handler instances per function, at most (Lambda scales out; a laptop has a few cores): enough that 32
     * callers at once are answered within 100 ms on two cores (docs/performance.md).
     */
    public static final int DEFAULT_MAX_CONCURRENCY = 8;

    private final SamTemplate template;
    private final Path templatePath;
    private final IntrinsicResolver resolver;
    private final AwsEmulators emulators;
    private final AwsEndpoints endpoints;
    private final LocalResources resources;
    private final Map<String, LambdaFunction> functions;
    private final HttpApiGateway gateway;
    private final int httpPort;
    private final List<SqsEventSourcePoller> pollers;
    private final SqsClient pollerClient;
    private final LocalScheduler scheduler;
    private final TwilioSandbox sandbox;
    private final SesSandbox ses;
    private final Path dataDirectory;
    private final boolean inMemory;
    private final String authToken;
    private final String recordingsToken;
    private final Map<String, String> appliedDefaults;
    private final List<AutoCloseable> closeables;
    private final CompletableFuture<Void> functionsInitialized;
    private volatile boolean closed;

    private LocalStack(Starter s) {
        this.template = s.template;
        this.templatePath = s.templatePath;
        this.resolver = s.resolver;
        this.emulators = s.emulators;
        this.endpoints = s.endpoints;
        this.resources = s.resources;
        this.functions = Collections.unmodifiableMap(s.functions);
        this.gateway = s.gateway;
        this.httpPort = s.httpPort;
        this.pollers = List.copyOf(s.pollers);
        this.pollerClient = s.pollerClient;
        this.scheduler = s.scheduler;
        this.sandbox = s.sandbox;
        this.ses = s.ses;
        this.dataDirectory = s.dataDirectory;
        this.inMemory = s.inMemory;
        this.authToken = s.authToken;
        this.recordingsToken = s.recordingsToken;
        this.appliedDefaults = Collections.unmodifiableMap(s.appliedDefaults);
        this.closeables = s.closeables;
        this.functionsInitialized = s.functionsInitialized;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://localhost:<port>}: where the routes are served and what PUBLIC_BASE_URL defaults to. */
    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public int port() {
        return httpPort;
    }

    /** The in-process emulators; throws when the stack uses external ones ({@link Builder#externalEmulators}). */
    public AwsEmulators emulators() {
        if (emulators == null) {
            throw new IllegalStateException("This stack uses external emulators at " + endpoints + "; see endpoints()");
        }
        return emulators;
    }

    /** Where DynamoDB, SQS and S3 answer, in-process or external. */
    public AwsEndpoints endpoints() {
        return endpoints;
    }

    public LocalResources resources() {
        return resources;
    }

    public SamTemplate template() {
        return template;
    }

    /** The resolver with the stack's parameter values and provisioned resources. */
    public IntrinsicResolver resolver() {
        return resolver;
    }

    /** The loaded functions by logical id (those whose handler failed to construct included). */
    public Map<String, LambdaFunction> functions() {
        return functions;
    }

    public LambdaFunction function(String logicalId) {
        LambdaFunction function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("No function " + logicalId + " in this stack; have " + functions.keySet());
        }
        return function;
    }

    /** The environment {@code functionLogicalId} was constructed with. */
    public Map<String, String> environment(String functionLogicalId) {
        return function(functionLogicalId).environment();
    }

    /**
     * The queues whose event source is polled: those of functions that initialized (a function that failed to
     * is not polled, as in Lambda). Waits for the functions' initialization.
     */
    public Set<String> polledQueues() {
        Set<String> polled = new LinkedHashSet<>();
        for (SqsEventSourcePoller poller : pollers) {
            if (poller.function().isReady()) {
                polled.add(poller.queue().logicalId());
            }
        }
        return polled;
    }

    /** Waits until every function is initialized (see {@link Builder#awaitFunctions}). */
    public void awaitFunctions() {
        functionsInitialized.join();
    }

    /** Completes once every function is initialized. */
    public CompletableFuture<Void> functionsInitialized() {
        return functionsInitialized;
    }

    /** Functions whose handler could not be constructed (waits for their initialization). */
    public Map<String, Throwable> failedFunctions() {
        Map<String, Throwable> failed = new LinkedHashMap<>();
        functions.forEach((id, f) -> f.initError().ifPresent(e -> failed.put(id, e)));
        return failed;
    }

    /** Invokes a function directly (no HTTP), with an {@code APIGatewayV2HTTPEvent} or {@code SQSEvent}. */
    public Object invoke(String functionLogicalId, Object event) {
        return function(functionLogicalId).invoke(event);
    }

    /**
     * Fires a function's schedule now, as EventBridge Scheduler would at this moment of {@link LocalClock}
     * (its {@code Input} with {@code <aws.scheduler.scheduled-time>} filled in); the function's response.
     */
    public Object fireSchedule(String functionLogicalId) {
        return scheduler.fire(functionLogicalId);
    }

    /** The Twilio auth token functions verify signatures with (TWILIO_AUTH_TOKEN). */
    public String authToken() {
        return authToken;
    }

    /** The bearer token of the recordings API (RECORDINGS_TOKEN). */
    public String recordingsToken() {
        return recordingsToken;
    }

    public Optional<TwilioSandbox> twilioSandbox() {
        return Optional.ofNullable(sandbox);
    }

    /** The SES stand-in the alert e-mails go to (started with the Twilio sandbox). */
    public Optional<SesSandbox> sesSandbox() {
        return Optional.ofNullable(ses);
    }

    /** The local defaults that took effect (the user's environment set none of these). */
    public Map<String, String> appliedDefaults() {
        return appliedDefaults;
    }

    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDirectory);
    }

    /** Stops HTTP, the pollers, the sandbox and the emulators this stack started. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> reverse = new ArrayList<>(closeables);
        Collections.reverse(reverse);
        for (AutoCloseable closeable : reverse) {
            try {
                closeable.close();
            } catch (Exception e) {
                ConsoleLog.error("local", "stopping " + closeable.getClass().getSimpleName() + " failed", e);
            }
        }
    }

    // ------------------------------------------------------------------ startup output

    /** The startup summary: routes, queues, emulators, data, defaults, failed functions. */
    public void printSummary() {
        String base = baseUrl();
        ConsoleLog.plain("");
        ConsoleLog.plain("Switchboard local stack - " + templatePath);
        if (gateway != null) {
            ConsoleLog.plain("");
            ConsoleLog.plain("Routes (from the template's HttpApi events):");
            for (HttpApiRoute route : template.httpApiRoutes()) {
                if (!functions.containsKey(route.functionLogicalId())) {
                    continue;
                }
                String path = route.isDefaultRoute() ? "/*" : route.path();
                ConsoleLog.plain(String.format("  %-7s %s%s -> %s", route.method(), base, path, route.functionLogicalId()));
            }
        }
        List<String> schedules = scheduler.describe();
        if (!schedules.isEmpty()) {
            ConsoleLog.plain("");
            ConsoleLog.plain("Schedules (fired on the local clock while the stack runs):");
            schedules.forEach(line -> ConsoleLog.plain("  " + line));
        }
        ConsoleLog.plain("");
        ConsoleLog.plain("Queues:");
        for (QueueDefinition queue : template.queues().values()) {
            if (!resources.hasQueue(queue.logicalId())) {
                continue;
            }
            Optional<FunctionDefinition> consumer = template.consumerOf(queue.logicalId());
            String worker = consumer.map(f -> {
                SqsEventSource e = f.sqsEventSources().stream()
                        .filter(s -> s.queueLogicalId().equals(queue.logicalId())).findFirst().orElseThrow();
                LambdaFunction function = functions.get(f.logicalId());
                boolean polled = pollers.stream().anyMatch(p -> p.queue().logicalId().equals(queue.logicalId()))
                        && (function == null || !function.isInitialized() || function.isReady());
                return "-> " + f.logicalId() + " (batch " + e.batchSize() + (polled ? "" : ", NOT POLLED") + ")";
            }).orElse("(no consumer)");
            String redrive = queue.deadLetterQueueLogicalId()
                    .map(d -> ", dead letters to " + d + " after " + queue.maxReceiveCount().orElse(0) + " receives")
                    .orElse("");
            ConsoleLog.plain("  " + queue.logicalId() + " " + worker + redrive);
        }
        ConsoleLog.plain("");
        ConsoleLog.plain("AWS emulators (region " + endpoints.region() + ", keys " + endpoints.accessKeyId() + "/"
                + endpoints.secretAccessKey() + "); the AWS CLI commands work as printed:");
        String table = resources.tableNames().values().stream().findFirst().orElse("TABLE");
        String bucket = resources.bucketNames().values().stream().findFirst().orElse("BUCKET");
        ConsoleLog.plain("  DynamoDB " + endpoints.dynamoDb() + "   " + awsCli(endpoints.dynamoDb(),
                "dynamodb scan --table-name " + table));
        ConsoleLog.plain("  SQS      " + endpoints.sqs() + "   " + awsCli(endpoints.sqs(), "sqs list-queues"));
        ConsoleLog.plain("  S3       " + endpoints.s3() + "   " + awsCli(endpoints.s3(), "s3 ls s3://" + bucket));
        if (sandbox != null) {
            ConsoleLog.plain("  Twilio sandbox " + sandbox.baseUrl() + " (texts are printed here; nothing is sent)");
            if (ses != null) {
                ConsoleLog.plain("  SES sandbox    " + ses.baseUrl() + " (alert e-mails are printed here; nothing is sent)");
            }
        }
        ConsoleLog.plain("");
        if (inMemory) {
            ConsoleLog.plain("Data: in memory (tokens in " + (dataDirectory == null ? "memory" : dataDirectory.toAbsolutePath()) + ")");
        } else {
            ConsoleLog.plain("Data: " + dataDirectory.toAbsolutePath()
                    + " (DynamoDB tables, S3 objects and SQS messages persist)");
        }
        if (!appliedDefaults.isEmpty()) {
            ConsoleLog.plain("");
            ConsoleLog.plain("Local defaults (set the environment variable to change one):");
            appliedDefaults.forEach((name, value) -> ConsoleLog.plain("  " + name + "=" + value
                    + (name.equals("TWILIO_AUTH_TOKEN") && dataDirectory != null
                            ? "   (kept in " + dataDirectory.resolve(LocalTokens.AUTH_TOKEN_FILE) + ")"
                            : name.equals("RECORDINGS_TOKEN") && dataDirectory != null
                            ? "   (kept in " + dataDirectory.resolve(LocalTokens.RECORDINGS_TOKEN_FILE) + ")" : "")));
        }
        Map<String, Throwable> failed = new LinkedHashMap<>();
        functions.forEach((id, f) -> {
            if (f.isInitialized()) {
                f.initError().ifPresent(e -> failed.put(id, e));
            }
        });
        if (!failed.isEmpty()) {
            ConsoleLog.plain("");
            ConsoleLog.plain("Functions that FAILED to initialize (their routes answer 500, their queues are not polled):");
            failed.forEach((id, e) -> ConsoleLog.plain("  " + id + ": " + function(id).initErrorSummary()));
        }
        ConsoleLog.plain("");
        if (gateway != null && functions.containsKey("InboxFunction")) {
            ConsoleLog.plain("Inbox: " + base + "/inbox  (sign in with a STAFF number, by default TWILIO_FORWARD_TO or a"
                    + " line's forwardTo; " + (sandbox != null ? "the code is printed by the Twilio sandbox)"
                    : "the code is texted through Twilio)"));
        }
        if (gateway != null) {
            ConsoleLog.plain("Ready on " + base + "  (Ctrl-C stops everything)");
        }
    }

    /** An AWS CLI command line for an emulator, with the emulators' keys and region so that it runs as is. */
    String awsCli(java.net.URI endpoint, String command) {
        return "AWS_ACCESS_KEY_ID=" + endpoints.accessKeyId() + " AWS_SECRET_ACCESS_KEY=" + endpoints.secretAccessKey()
                + " aws --region " + endpoints.region() + " --endpoint-url " + endpoint + " " + command;
    }

    // ------------------------------------------------------------------ builder

    /** Options for a {@link LocalStack}; see the class documentation for the defaults. */
    public static final class Builder {
        private Path template = Path.of("template.yaml");
        private String bindAddress = "127.0.0.1";
        private int httpPort;
        private int dynamoDbPort;
        private int sqsPort;
        private int s3Port;
        private boolean inMemory = true;
        private Path dataDirectory;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private boolean inheritProcessEnvironment = true;
        private boolean twilioSandbox = true;
        private int twilioSandboxPort;
        private final Map<String, String> parameterOverrides = new LinkedHashMap<>();
        private AwsEndpoints externalEmulators;
        private boolean serveHttp = true;
        private boolean pollQueues = true;
        private Set<String> onlyFunctions;
        private InvocationListener invocationListener = InvocationListener.NONE;
        private FunctionLogListener functionLogListener = FunctionLogListener.NONE;
        private boolean jsonLogs;
        private boolean printFunctionLogs = true;
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private boolean awaitFunctions = true;

        private Builder() {
        }

        public Builder template(Path path) {
            this.template = Objects.requireNonNull(path);
            return this;
        }

        /** The interface HTTP and the sandbox listen on; 127.0.0.1 by default. */
        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address);
            return this;
        }

        /** HTTP port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.httpPort = port;
            return this;
        }

        public Builder dynamoDbPort(int port) {
            this.dynamoDbPort = port;
            return this;
        }

        public Builder sqsPort(int port) {
            this.sqsPort = port;
            return this;
        }

        public Builder s3Port(int port) {
            this.s3Port = port;
            return this;
        }

        /** True (the default): tables, objects and messages vanish on close. False: they persist in the data directory. */
        public Builder inMemory(boolean inMemory) {
            this.inMemory = inMemory;
            return this;
        }

        /**
         * Where tables, objects, messages (unless in memory) and the generated tokens are kept. Defaults to
         * {@code .switchboard-data} when not in memory; in memory without one, tokens are random per stack.
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /** Extra variables for every function, over the process environment and the defaults, under AWS settings. */
        public Builder environment(Map<String, String> variables) {
            this.environment.putAll(variables);
            return this;
        }

        public Builder environment(String name, String value) {
            this.environment.put(name, value);
            return this;
        }

        /** Whether functions see this process's environment (true by default, as with {@code sam local}). */
        public Builder inheritProcessEnvironment(boolean inherit) {
            this.inheritProcessEnvironment = inherit;
            return this;
        }

        /** Whether to run the Twilio sandbox and point TWILIO_API_BASE_URL at it by default (true). */
        public Builder twilioSandbox(boolean enabled) {
            this.twilioSandbox = enabled;
            return this;
        }

        public Builder twilioSandboxPort(int port) {
            this.twilioSandboxPort = port;
            return this;
        }

        /** Template parameter values, over the defaults (checked against AllowedValues/AllowedPattern). */
        public Builder parameterOverrides(Map<String, String> overrides) {
            this.parameterOverrides.putAll(overrides);
            return this;
        }

        public Builder parameterOverride(String name, String value) {
            this.parameterOverrides.put(name, value);
            return this;
        }

        /** Use emulators that already run (another local stack, LocalStack) instead of starting them. */
        public Builder externalEmulators(AwsEndpoints endpoints) {
            this.externalEmulators = endpoints;
            return this;
        }

        /** Whether to serve the HttpApi routes (true). */
        public Builder serveHttp(boolean serve) {
            this.serveHttp = serve;
            return this;
        }

        /** Whether to poll the SQS event sources and fire the schedules (true). */
        public Builder pollQueues(boolean poll) {
            this.pollQueues = poll;
            return this;
        }

        /** Construct only these functions (by logical id); all by default. */
        public Builder onlyFunctions(Collection<String> logicalIds) {
            this.onlyFunctions = new LinkedHashSet<>(logicalIds);
            return this;
        }

        public Builder invocationListener(InvocationListener listener) {
            this.invocationListener = Objects.requireNonNull(listener);
            return this;
        }

        /** Hears every line the functions log (through their own Logback; besides the console). */
        public Builder functionLogListener(FunctionLogListener listener) {
            this.functionLogListener = Objects.requireNonNull(listener);
            return this;
        }

        /** Print the functions' log lines as their JSON (true) or as short lines (false, the default). */
        public Builder jsonLogs(boolean json) {
            this.jsonLogs = json;
            return this;
        }

        /** Whether the functions' log lines go to the console at all (true). */
        public Builder printFunctionLogs(boolean print) {
            this.printFunctionLogs = print;
            return this;
        }

        /**
         * Whether {@link #start()} returns only once every function is initialized (true), or as soon as the
         * routes are served, functions initializing in the background (an invocation waits for its function).
         */
        public Builder awaitFunctions(boolean await) {
            this.awaitFunctions = await;
            return this;
        }

        /** Handler instances per function at most, i.e. concurrent invocations of one function ({@value #DEFAULT_MAX_CONCURRENCY}). */
        public Builder maxConcurrency(int instances) {
            if (instances < 1) {
                throw new IllegalArgumentException("maxConcurrency must be at least 1, got " + instances);
            }
            this.maxConcurrency = instances;
            return this;
        }

        /** Starts everything; on failure, whatever had started is stopped again and the error thrown. */
        public LocalStack start() {
            Starter starter = new Starter(this);
            try {
                return starter.start();
            } catch (RuntimeException | Error e) {
                starter.closeQuietly();
                throw e;
            }
        }
    }

    /** Startup state, so that a failure half-way can stop what has already started. */
    private static final class Starter {
        private final Builder options;
        private final List<AutoCloseable> closeables = new ArrayList<>();
        SamTemplate template;
        Path templatePath;
        List<FunctionDefinition> selected;
        IntrinsicResolver resolver;
        AwsEmulators emulators;
        AwsEndpoints endpoints;
        LocalResources resources;
        final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
        HttpApiGateway gateway;
        int httpPort;
        final List<SqsEventSourcePoller> pollers = new ArrayList<>();
        SqsClient pollerClient;
        LocalScheduler scheduler;
        TwilioSandbox sandbox;
        SesSandbox ses;
        Path dataDirectory;
        boolean inMemory;
        String authToken;
        String recordingsToken;
        final Map<String, String> appliedDefaults = new LinkedHashMap<>();
        CompletableFuture<Void> functionsInitialized = CompletableFuture.completedFuture(null);

        Starter(Builder options) {
            this.options = options;
        }

        LocalStack start() {
            templatePath = options.template.toAbsolutePath().normalize();
            template = SamTemplate.load(templatePath);
            resolver = new IntrinsicResolver(template, options.parameterOverrides);
            for (String id : options.onlyFunctions == null ? Set.<String>of() : options.onlyFunctions) {
                if (template.function(id).isEmpty()) {
                    throw new IllegalArgumentException("No function " + id + " in " + templatePath
                            + "; functions: " + template.functions().keySet());
                }
            }
            inMemory = options.inMemory;
            dataDirectory = options.dataDirectory != null ? options.dataDirectory
                    : inMemory ? null : DEFAULT_DATA_DIRECTORY;
            selected = template.functions().values().stream()
                    .filter(f -> resolver.isCreated(f.logicalId()))
                    .filter(f -> options.onlyFunctions == null || options.onlyFunctions.contains(f.logicalId()))
                    .toList();
            requireBuiltCode();

            // Ports first, so that a port in use fails fast and PUBLIC_BASE_URL can name the real port.
            HttpServer httpServer = null;
            if (options.serveHttp) {
                try {
                    httpServer = HttpServer.create(new InetSocketAddress(options.bindAddress, options.httpPort), 256);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot listen on " + options.bindAddress + ":" + options.httpPort
                            + " (is another local stack running? use --port / PORT)", e);
                }
                HttpServer bound = httpServer;
                closeables.add(() -> bound.stop(0));
                httpPort = httpServer.getAddress().getPort();
            } else {
                httpPort = options.httpPort == 0 ? DEFAULT_HTTP_PORT : options.httpPort;
            }
            if (options.twilioSandbox) {
                sandbox = TwilioSandbox.start(options.bindAddress, options.twilioSandboxPort);
                closeables.add(sandbox);
                ses = SesSandbox.start(options.bindAddress, 0);
                closeables.add(ses);
            }

            Map<String, String> userEnvironment = new LinkedHashMap<>();
            if (options.inheritProcessEnvironment) {
                userEnvironment.putAll(System.getenv());
            }
            userEnvironment.putAll(options.environment);

            authToken = token(userEnvironment, "TWILIO_AUTH_TOKEN", LocalTokens.AUTH_TOKEN_FILE);
            recordingsToken = token(userEnvironment, "RECORDINGS_TOKEN", LocalTokens.RECORDINGS_TOKEN_FILE);

            if (options.externalEmulators != null) {
                endpoints = options.externalEmulators;
            } else {
                AwsEmulators.Builder aws = AwsEmulators.builder().dynamoDbPort(options.dynamoDbPort)
                        .sqsPort(options.sqsPort).s3Port(options.s3Port);
                if (!inMemory) {
                    aws.dataDirectory(dataDirectory);
                }
                emulators = aws.start();
                closeables.add(emulators);
                endpoints = emulators.endpoints();
            }
            resources = Provisioner.provision(endpoints, resolver);
            resolver = resolver.withResources(resources);
            closeables.add(SdkSystemProperties.apply(endpoints));

            String baseUrl = "http://localhost:" + httpPort;
            Map<String, String> defaults = LocalDefaults.of(baseUrl, authToken, recordingsToken,
                    sandbox == null ? null : sandbox.baseUrl(), ses == null ? null : ses.baseUrl());
            defaults.forEach((name, value) -> {
                if (!userEnvironment.containsKey(name)) {
                    appliedDefaults.put(name, value);
                }
            });
            loadFunctions(defaults, userEnvironment);

            if (httpServer != null) {
                List<HttpApiRoute> routes = template.httpApiRoutes().stream()
                        .filter(r -> functions.containsKey(r.functionLogicalId())).toList();
                gateway = new HttpApiGateway(httpServer, routes, functions::get);
                closeables.add(gateway);
                gateway.start();
            }
            if (options.pollQueues) {
                startPollers();
            }
            scheduler = new LocalScheduler(template.schedules().stream()
                    .filter(e -> functions.containsKey(e.functionLogicalId())).toList(), resolver, functions::get);
            closeables.add(scheduler);
            if (options.pollQueues) {
                scheduler.start();
            }
            LocalStack stack = new LocalStack(this);
            if (options.awaitFunctions) {
                stack.awaitFunctions();
            }
            return stack;
        }

        private String token(Map<String, String> userEnvironment, String variable, String file) {
            String fromUser = userEnvironment.get(variable);
            if (fromUser != null && !fromUser.isBlank()) {
                return fromUser.trim();
            }
            return dataDirectory != null ? LocalTokens.loadOrCreate(dataDirectory, file) : LocalTokens.newToken();
        }

        /** Fails before anything starts when a function's jar has not been built. */
        private void requireBuiltCode() {
            List<String> missing = new ArrayList<>();
            for (FunctionDefinition function : selected) {
                FunctionCode code = FunctionCode.of(function, templatePath.getParent());
                if (!code.exists()) {
                    missing.add(function.logicalId() + ": " + code);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Function code not built yet; run " + FunctionCode.BUILD_COMMAND
                        + " in the project root first. Missing:\n  " + String.join("\n  ", missing));
            }
        }

        /**
         * Creates every function and initializes them in the background, several at a time (cold starts build
         * SDK clients and read configuration); {@code functionsInitialized} completes when all have.
         */
        private void loadFunctions(Map<String, String> defaults, Map<String, String> userEnvironment) {
            // A function jar that logs through log4j2 (builds before the move to Logback) would otherwise register
            // a JVM shutdown hook, which keeps its class loader alive for as long as the JVM runs; the stack stops
            // the functions itself.
            if (System.getProperty(LOG4J_SHUTDOWN_HOOK) == null) {
                System.setProperty(LOG4J_SHUTDOWN_HOOK, "false");
            }
            Map<String, String> aws = endpoints.clientEnvironment();
            FunctionLogListener logs = log -> {
                if (options.printFunctionLogs) {
                    ConsoleLog.function(log, options.jsonLogs);
                }
                options.functionLogListener.onLog(log);
            };
            LambdaFunction.Options functionOptions = new LambdaFunction.Options(options.maxConcurrency,
                    options.invocationListener, logs);
            for (FunctionDefinition function : selected) {
                Map<String, String> env = FunctionEnvironment.build(function, resolver, defaults, userEnvironment, aws);
                LambdaFunction loaded = new LambdaFunction(function, FunctionCode.of(function, templatePath.getParent()),
                        env, functionOptions);
                functions.put(function.logicalId(), loaded);
                closeables.add(loaded);
            }
            int threads = Math.max(1, Math.min(functions.size(), 2 * Runtime.getRuntime().availableProcessors()));
            ExecutorService initializing = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "function-init");
                t.setDaemon(true);
                return t;
            });
            closeables.add(initializing::shutdownNow);
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (LambdaFunction function : functions.values()) {
                all.add(CompletableFuture.runAsync(() -> {
                    function.initialize();
                    function.initError().ifPresent(e -> ConsoleLog.error("local", function.logicalId()
                            + " failed to initialize: " + function.initErrorSummary()
                            + " (its routes answer 500, its queue is not polled)", null));
                }, initializing));
            }
            functionsInitialized = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
            functionsInitialized.whenComplete((done, error) -> initializing.shutdown());
        }

        /** One poller per SQS event source; each starts polling once its function is initialized. */
        private void startPollers() {
            for (LambdaFunction function : functions.values()) {
                for (SqsEventSource source : function.definition().sqsEventSources()) {
                    if (!source.enabled() || !resources.hasQueue(source.queueLogicalId())) {
                        continue;
                    }
                    if (pollerClient == null) {
                        pollerClient = endpoints.newSqsClient();
                        closeables.add(pollerClient);
                    }
                    SqsEventSourcePoller poller = new SqsEventSourcePoller(source,
                            resources.queue(source.queueLogicalId()), function, pollerClient);
                    pollers.add(poller);
                    closeables.add(poller);
                    poller.start();
                }
            }
        }

        void closeQuietly() {
            Collections.reverse(closeables);
            for (AutoCloseable closeable : closeables) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // Reporting the start failure matters more.
                }
            }
        }
    }
}
