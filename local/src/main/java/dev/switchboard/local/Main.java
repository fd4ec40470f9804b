package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.emulators.AwsEndpoints;
import dev.switchboard.emulators.FunctionDefinition;
import dev.switchboard.emulators.IntrinsicResolver;
import dev.switchboard.emulators.SamTemplate;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.twilio.TwilioRestClients;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code java -jar local/target/switchboard-local.jar [run|invoke|simulate|redrive|configure-number] ...};
 * see {@link #USAGE}.
 */
public final class Main {

    static final String USAGE = """
            Switchboard local stack: the whole template.yaml in one JVM, no Docker, no AWS account.

            Usage: java -jar local/target/switchboard-local.jar [command] [options]

              run (default)        Start DynamoDB Local, ElasticMQ (SQS) and s3proxy (S3) in-process, create the
                                   template's tables, queues and buckets, serve its HttpApi routes and poll its
                                   SQS event sources. Ctrl-C stops everything.
                  --template PATH        template to run (default: ./template.yaml, else the one beside the jar's project)
                  --port N               HTTP port for the routes (env PORT, default 3000)
                  --dynamodb-port N      DynamoDB Local (env DYNAMODB_PORT, default 8000)
                  --sqs-port N           ElasticMQ (env SQS_PORT, default 9324)
                  --s3-port N            s3proxy (env S3_PORT, default 9000)
                  --sandbox-port N       Twilio sandbox (env TWILIO_SANDBOX_PORT, default 3001)
                  --no-sandbox           no Twilio sandbox; TWILIO_API_BASE_URL keeps the template's value
                  --data-dir PATH        where tables, objects and local tokens live (default ./.switchboard-data)
                  --in-memory            keep tables and objects in memory only (tokens still go to the data dir)
                  --parameter NAME=VALUE override a template parameter (repeatable)
                  --host ADDRESS         interface for HTTP and the sandbox (default 127.0.0.1)
                Every function gets the template's variables, then local defaults (printed at startup), then
                this process's environment, then the emulators' AWS settings.

              invoke FUNCTION --event FILE [--no-sign]
                                   Invoke one function with an event file (API Gateway HTTP API or SQS) and print
                                   its response JSON, like `sam local invoke`. Uses the running stack's emulators
                                   if they answer on the ports above, else starts in-memory ones. Events for
                                   /twilio/* routes are re-signed with the local auth token (--no-sign: as is).
                                   Takes the run options too (--template, ports, --data-dir, --parameter).

              simulate EVENT_FILE [--url http://localhost:3000] [--public-base-url URL] [--data-dir PATH]
                                   Send the request in an API Gateway event file to the running stack over HTTP,
                                   signed like Twilio signs it (token from TWILIO_AUTH_TOKEN or the data dir), and
                                   print the answer. Exit code 0 for 2xx, 1 otherwise.

              redrive QUEUE [--max N] [--sqs-port N] [--template PATH]
                                   Move messages from a queue's dead-letter queue back to the queue on the running
                                   stack. QUEUE is the queue's or the DLQ's logical id.

              configure-number NUMBER (--base-url URL | --stack NAME [--region R]) [--dry-run]
                                   Point a Twilio phone number at a deployed stack through Twilio's
                                   IncomingPhoneNumbers API: "A call comes in" -> /twilio/voice, "Call status
                                   changes" -> /twilio/voice/status, "A message comes in" -> /twilio/sms, all POST
                                   (a TwiML App on the number is detached, since Twilio would ignore the URLs).
                                   --stack reads the ApiBaseUrl output with `aws cloudformation describe-stacks`.
                                   Credentials: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_AUTH_TOKEN_PARAMETER,
                                   or TWILIO_API_KEY_SID/TWILIO_API_KEY_SECRET); TWILIO_API_BASE_URL for SignalWire.
                                   --dry-run prints what would change and changes nothing.

              help, --help         This text.
            """;

    private static final Set<String> FLAGS = Set.of("in-memory", "no-sign", "no-sandbox", "dry-run", "help");

    private Main() {
    }

    public static void main(String[] args) {
        // Before anything logs: the functions' JSON configuration plus WARN for the emulators (log4j2-local.xml).
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:log4j2.xml,classpath:log4j2-local.xml");
        }
        boolean runCommand;
        try {
            Options options = Options.parse(args);
            runCommand = options.command.equals("run") && !options.flag("help");
        } catch (IllegalArgumentException e) {
            runCommand = false;
        }
        int code = run(args, System.out, System.err);
        // After `run`, the JVM is already shutting down (Ctrl-C); System.exit would wait for itself.
        if (!runCommand || code != 0) {
            System.exit(code);
        }
    }

    /** Runs a command; returns the exit code. {@code run} returns only after the stack has stopped. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.print(USAGE);
            return 2;
        }
        if (options.flag("help") || options.command.equals("help") || options.command.equals("-h")) {
            out.print(USAGE);
            return 0;
        }
        try {
            switch (options.command) {
                case "run":
                    return runStack(options, out);
                case "invoke":
                    return invoke(options, out, err);
                case "simulate":
                    return simulate(options, out, err);
                case "redrive":
                    return redrive(options, out, err);
                case "configure-number":
                    return configureNumber(options, Settings.fromEnvironment(), out, err);
                default:
                    err.println("error: unknown command '" + options.command + "'");
                    err.println();
                    err.print(USAGE);
                    return 2;
            }
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException | ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    /**
     * ./template.yaml when there is one, else the project's template found from the jar's own location
     * (local/target/switchboard-local.jar → ../../template.yaml), so the stack also starts from another directory.
     */
    static Path defaultTemplate() {
        Path here = Path.of("template.yaml");
        if (Files.isRegularFile(here)) {
            return here;
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path beside = jar.getParent() == null ? null : jar.getParent().resolve("../../template.yaml").normalize();
            if (beside != null && Files.isRegularFile(beside)) {
                return beside;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no usable code source (e.g. run from an IDE): fall through to ./template.yaml and its clear error
        }
        return here;
    }

    // ------------------------------------------------------------------ run

    private static int runStack(Options options, PrintStream out) {
        ConsoleLog.to(out);
        Path template = options.template();
        LocalStack.Builder builder = stackBuilder(options, template)
                .port(options.port("port", "PORT", LocalStack.DEFAULT_HTTP_PORT));
        ConsoleLog.info("local", "starting (template " + template.toAbsolutePath().normalize() + ")");
        long start = System.nanoTime();
        LocalStack stack = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ConsoleLog.info("local", "stopping");
            stack.close();
            ConsoleLog.info("local", "stopped");
            stopped.countDown();
        }, "local-stack-shutdown"));
        stack.printSummary();
        ConsoleLog.info("local", "started in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The options shared by run and invoke. */
    private static LocalStack.Builder stackBuilder(Options options, Path template) {
        boolean inMemory = options.flag("in-memory");
        LocalStack.Builder builder = LocalStack.builder()
                .template(template)
                .bindAddress(options.value("host", "127.0.0.1"))
                .dynamoDbPort(options.port("dynamodb-port", "DYNAMODB_PORT", LocalStack.DEFAULT_DYNAMODB_PORT))
                .sqsPort(options.port("sqs-port", "SQS_PORT", LocalStack.DEFAULT_SQS_PORT))
                .s3Port(options.port("s3-port", "S3_PORT", LocalStack.DEFAULT_S3_PORT))
                .twilioSandbox(!options.flag("no-sandbox"))
                .twilioSandboxPort(options.port("sandbox-port", "TWILIO_SANDBOX_PORT", LocalStack.DEFAULT_SANDBOX_PORT))
                .inMemory(inMemory)
                .dataDirectory(options.path("data-dir", LocalStack.DEFAULT_DATA_DIRECTORY))
                .parameterOverrides(options.parameters());
        return builder;
    }

    // ------------------------------------------------------------------ invoke

    private static int invoke(Options options, PrintStream out, PrintStream err) {
        String functionId = options.positional(0, "invoke needs a function logical id, e.g. invoke HealthFunction --event events/health.json");
        Path eventFile = options.path("event", null);
        if (eventFile == null) {
            throw new IllegalArgumentException("invoke needs --event FILE");
        }
        Path templatePath = options.template();
        SamTemplate template = SamTemplate.load(templatePath);
        FunctionDefinition definition = template.function(functionId).orElseThrow(() -> new IllegalArgumentException(
                "No function " + functionId + " in " + templatePath + "; functions: " + template.functions().keySet()));
        Object event;
        if (definition.isHttpFunction()) {
            event = EventJson.read(eventFile, APIGatewayV2HTTPEvent.class);
        } else if (definition.isQueueWorker()) {
            event = EventJson.read(eventFile, SQSEvent.class);
        } else {
            throw new IllegalArgumentException(functionId + " has neither HttpApi nor SQS events; nothing to invoke it with");
        }

        // stdout carries only the response: the stack's messages and the functions' logs go to stderr.
        PrintStream previousOut = System.out;
        PrintStream previousLog = ConsoleLog.stream();
        System.setOut(err);
        ConsoleLog.to(err);
        LocalStack stack = null;
        try {
            LocalStack.Builder builder = stackBuilder(options, templatePath)
                    .port(options.port("port", "PORT", LocalStack.DEFAULT_HTTP_PORT))
                    .serveHttp(false)
                    .pollQueues(false)
                    .twilioSandboxPort(0)
                    .twilioSandbox(!options.flag("no-sandbox"))
                    .onlyFunctions(List.of(functionId));
            int dynamoDbPort = options.port("dynamodb-port", "DYNAMODB_PORT", LocalStack.DEFAULT_DYNAMODB_PORT);
            int sqsPort = options.port("sqs-port", "SQS_PORT", LocalStack.DEFAULT_SQS_PORT);
            int s3Port = options.port("s3-port", "S3_PORT", LocalStack.DEFAULT_S3_PORT);
            if (answers(dynamoDbPort) && answers(sqsPort) && answers(s3Port)) {
                ConsoleLog.info("invoke", "using the running stack's emulators on ports " + dynamoDbPort + ", "
                        + sqsPort + ", " + s3Port);
                builder.externalEmulators(AwsEndpoints.localhost(dynamoDbPort, sqsPort, s3Port));
            } else {
                ConsoleLog.info("invoke", "no local stack running; starting in-memory emulators");
                builder.inMemory(true).dynamoDbPort(0).sqsPort(0).s3Port(0);
            }
            stack = builder.start();
            LambdaFunction function = stack.function(functionId);
            if (event instanceof APIGatewayV2HTTPEvent http && WebhookSigner.isSignedPath(http.getRawPath())
                    && !options.flag("no-sign")) {
                WebhookSigner.resign(http, function.environment().get("TWILIO_AUTH_TOKEN"),
                        function.environment().get("PUBLIC_BASE_URL"));
                ConsoleLog.info("invoke", "re-signed the event with the local auth token (--no-sign sends it as is)");
            }
            Object response;
            try {
                response = function.invoke(event);
            } catch (RuntimeException | Error e) {
                Throwable cause = e instanceof LambdaFunction.FunctionInitException && e.getCause() != null ? e.getCause() : e;
                out.println(errorJson(cause));
                return 1;
            }
            out.println(response == null ? "null" : EventJson.writePretty(response));
            return 0;
        } finally {
            if (stack != null) {
                stack.close();
            }
            System.setOut(previousOut);
            ConsoleLog.to(previousLog);
        }
    }

    /** Lambda's error shape for an unhandled exception. */
    private static String errorJson(Throwable error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("errorMessage", String.valueOf(error.getMessage()));
        json.put("errorType", error.getClass().getName());
        List<String> trace = new ArrayList<>();
        for (StackTraceElement element : error.getStackTrace()) {
            trace.add(element.toString());
        }
        json.put("stackTrace", trace);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (IOException e) {
            StringWriter text = new StringWriter();
            error.printStackTrace(new PrintWriter(text));
            return text.toString();
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ simulate

    private static int simulate(Options options, PrintStream out, PrintStream err) {
        Path eventFile = Path.of(options.positional(0, "simulate needs an event file, e.g. simulate events/incoming-call.json"));
        APIGatewayV2HTTPEvent event = EventJson.read(eventFile, APIGatewayV2HTTPEvent.class);
        String baseUrl = trimSlash(options.value("url",
                "http://localhost:" + options.port("port", "PORT", LocalStack.DEFAULT_HTTP_PORT)));
        String publicBaseUrl = trimSlash(options.value("public-base-url",
                env("PUBLIC_BASE_URL").orElse(baseUrl)));
        Path dataDir = options.path("data-dir", LocalStack.DEFAULT_DATA_DIRECTORY);

        HttpRequest request = HttpRequest.from(event);
        String method = request.method() == null ? "POST" : request.method().toUpperCase(Locale.ROOT);
        String rawPath = event.getRawPath();
        String rawQuery = event.getRawQueryString() == null ? "" : event.getRawQueryString();
        Map<String, String> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                String key = name.toLowerCase(Locale.ROOT);
                if (!Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding",
                        "x-forwarded-for", "x-forwarded-port", "x-forwarded-proto", "x-amzn-trace-id",
                        "x-twilio-signature").contains(key)) {
                    headers.put(key, value);
                }
            });
        }
        if (event.getCookies() != null && !event.getCookies().isEmpty()) {
            headers.put("cookie", String.join("; ", event.getCookies()));
        }
        if (WebhookSigner.isSignedPath(rawPath)) {
            String token = env("TWILIO_AUTH_TOKEN")
                    .or(() -> LocalTokens.read(dataDir, LocalTokens.AUTH_TOKEN_FILE))
                    .orElseThrow(() -> new IllegalStateException("No auth token to sign with: start the stack first"
                            + " (it writes " + dataDir.resolve(LocalTokens.AUTH_TOKEN_FILE) + ") or set TWILIO_AUTH_TOKEN"));
            WebhookSigner.Signed signed = WebhookSigner.sign(token, publicBaseUrl, rawPath, rawQuery,
                    headers.get("content-type"), request.body());
            rawQuery = signed.rawQuery();
            headers.put("x-twilio-signature", signed.signature());
        }
        URI uri = URI.create(baseUrl + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
        java.net.http.HttpRequest.Builder http = java.net.http.HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .method(method, request.body().length == 0 ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body()));
        headers.forEach(http::header);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response;
        try {
            response = client.send(http.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("error: " + method + " " + uri + " failed: " + e
                    + " (is the local stack running? java -jar local/target/switchboard-local.jar)");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        out.println("HTTP/1.1 " + response.statusCode());
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                values.forEach(v -> out.println(name + ": " + v));
            }
        });
        out.println();
        out.println(response.body());
        return response.statusCode() >= 200 && response.statusCode() < 300 ? 0 : 1;
    }

    // ------------------------------------------------------------------ redrive

    private static int redrive(Options options, PrintStream out, PrintStream err) {
        String queueId = options.positional(0, "redrive needs a queue logical id, e.g. redrive ArchiveQueue");
        int max = Integer.parseInt(options.value("max", String.valueOf(Integer.MAX_VALUE)));
        SamTemplate template = SamTemplate.load(options.template());
        IntrinsicResolver resolver = new IntrinsicResolver(template, options.parameters());
        QueueRedrive.Pair pair = QueueRedrive.resolve(template, queueId);
        int sqsPort = options.port("sqs-port", "SQS_PORT", LocalStack.DEFAULT_SQS_PORT);
        AwsEndpoints endpoints = AwsEndpoints.localhost(0, sqsPort, 0);
        try (SqsClient sqs = endpoints.newSqsClient()) {
            String sourceUrl = sqs.getQueueUrl(b -> b.queueName(resolver.physicalName(pair.source()))).queueUrl();
            String dlqUrl = sqs.getQueueUrl(b -> b.queueName(resolver.physicalName(pair.deadLetterQueue()))).queueUrl();
            int moved = QueueRedrive.move(sqs, dlqUrl, sourceUrl, max);
            out.println("Moved " + moved + " message(s) from " + pair.deadLetterQueue() + " to " + pair.source() + ".");
            return 0;
        } catch (SdkException e) {
            err.println("error: SQS on localhost:" + sqsPort + " did not answer (" + e.getMessage()
                    + "). Is the local stack running?");
            return 1;
        }
    }

    // ------------------------------------------------------------------ configure-number

    static int configureNumber(Options options, Settings settings, PrintStream out, PrintStream err) {
        String raw = options.positional(0, "configure-number needs the Twilio phone number, e.g. configure-number"
                + " +19045550200 --stack switchboard-dev");
        String number = Settings.requireE164("NUMBER", raw);
        String baseUrl;
        if (options.values.containsKey("base-url") == options.values.containsKey("stack")) {
            throw new IllegalArgumentException("give either --base-url URL or --stack NAME");
        } else if (options.values.containsKey("stack")) {
            baseUrl = new StackOutputs(env("AWS_CLI").orElse("aws"))
                    .value(options.value("stack", null), options.value("region", null), "ApiBaseUrl");
        } else {
            baseUrl = options.value("base-url", null);
        }
        TwilioNumberSetup setup;
        TwilioNumberSetup.Plan plan;
        try {
            setup = new TwilioNumberSetup(TwilioRestClients.create(settings));
            plan = setup.plan(number, baseUrl);
        } catch (IllegalStateException | ApiConnectionException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        out.println(plan.phoneNumber() + " (" + plan.numberSid()
                + (plan.friendlyName() == null ? "" : ", " + plan.friendlyName()) + ")");
        for (TwilioNumberSetup.Change change : plan.settings()) {
            String current = change.current() == null || change.current().isEmpty() ? "(none)" : change.current();
            String wanted = change.wanted().isEmpty() ? "(none)" : change.wanted();
            out.printf("  %-21s %s%n", change.field(), change.needed() ? current + " -> " + wanted : current + " (unchanged)");
        }
        plan.warnings().forEach(w -> err.println("warning: " + w));
        if (plan.changes().isEmpty()) {
            out.println("Already pointed at " + plan.baseUrl() + "; nothing to change.");
            return 0;
        }
        if (options.flag("dry-run")) {
            out.println("Dry run: " + plan.changes().size() + " setting(s) would change; nothing was changed.");
            return 0;
        }
        try {
            setup.apply(plan);
        } catch (ApiException e) {
            err.println("error: Twilio refused the update: HTTP " + e.getStatusCode() + " " + e.getMessage());
            return 1;
        } catch (ApiConnectionException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        out.println("Updated " + plan.changes().size() + " setting(s).");
        return 0;
    }

    // ------------------------------------------------------------------ options

    private static java.util.Optional<String> env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value.trim());
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code command positional... --name value --name=value --flag}. */
    static final class Options {
        final String command;
        final List<String> positionals = new ArrayList<>();
        final Map<String, List<String>> values = new LinkedHashMap<>();

        private Options(String command) {
            this.command = command;
        }

        static Options parse(String[] args) {
            int i = 0;
            String command = "run";
            if (args.length > 0 && !args[0].startsWith("-")) {
                command = args[0];
                i = 1;
            } else if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
                command = "help";
            }
            Options options = new Options(command);
            for (; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h")) {
                    arg = "--help";
                }
                if (!arg.startsWith("--")) {
                    options.positionals.add(arg);
                    continue;
                }
                String name = arg.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (FLAGS.contains(name)) {
                    value = "true";
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                options.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            Set<String> known = Set.of("template", "port", "dynamodb-port", "sqs-port", "s3-port", "sandbox-port",
                    "no-sandbox", "data-dir", "in-memory", "parameter", "host", "event", "no-sign", "url",
                    "public-base-url", "max", "base-url", "stack", "region", "dry-run", "help");
            for (String name : options.values.keySet()) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            return options;
        }

        boolean flag(String name) {
            return values.containsKey(name) && !values.get(name).get(values.get(name).size() - 1).equals("false");
        }

        String value(String name, String fallback) {
            List<String> list = values.get(name);
            return list == null ? fallback : list.get(list.size() - 1);
        }

        Path path(String name, Path fallback) {
            String value = value(name, null);
            return value == null ? fallback : Path.of(value);
        }

        /** {@code --template}, else {@link #defaultTemplate()}. */
        Path template() {
            String value = value("template", null);
            return value == null ? defaultTemplate() : Path.of(value);
        }

        /** The option, else the environment variable, else the default. */
        int port(String name, String envVariable, int fallback) {
            String value = value(name, null);
            String source = "--" + name;
            if (value == null && envVariable != null) {
                value = System.getenv(envVariable);
                source = envVariable;
            }
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                int port = Integer.parseInt(value.trim());
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + " must be a port number, got '" + value + "'");
            }
        }

        Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String pair : values.getOrDefault("parameter", List.of())) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--parameter needs NAME=VALUE, got '" + pair + "'");
                }
                parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            return parameters;
        }

        String positional(int index, String missingMessage) {
            if (positionals.size() <= index) {
                throw new IllegalArgumentException(missingMessage);
            }
            return positionals.get(index);
        }
    }
}
