package dev.switchboard.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of a local stack, shared by {@code run} and {@code invoke}. */
final class StackOptions {

    @Option(names = "--template", paramLabel = "PATH",
            description = "Template to run (default: ./template.yaml, else the project's, found from the jar).")
    Path template;

    @Option(names = "--port", paramLabel = "N", defaultValue = "${env:PORT:-3000}",
            description = "HTTP port for the routes (env PORT, default 3000).")
    int port;

    @Option(names = "--dynamodb-port", paramLabel = "N", defaultValue = "${env:DYNAMODB_PORT:-8000}",
            description = "DynamoDB Local (env DYNAMODB_PORT, default 8000).")
    int dynamoDbPort;

    @Option(names = "--sqs-port", paramLabel = "N", defaultValue = "${env:SQS_PORT:-9324}",
            description = "ElasticMQ (env SQS_PORT, default 9324).")
    int sqsPort;

    @Option(names = "--s3-port", paramLabel = "N", defaultValue = "${env:S3_PORT:-9000}",
            description = "s3proxy (env S3_PORT, default 9000).")
    int s3Port;

    @Option(names = "--sandbox-port", paramLabel = "N", defaultValue = "${env:TWILIO_SANDBOX_PORT:-3001}",
            description = "Twilio sandbox (env TWILIO_SANDBOX_PORT, default 3001).")
    int sandboxPort;

    @Option(names = "--no-sandbox", description = "No Twilio sandbox; TWILIO_API_BASE_URL keeps the template's value.")
    boolean noSandbox;

    @Option(names = "--data-dir", paramLabel = "PATH", defaultValue = ".switchboard-data",
            description = "Where tables, objects, queued messages and local tokens live (default ./.switchboard-data).")
    Path dataDirectory;

    @Option(names = "--in-memory",
            description = "Keep tables, objects and messages in memory only (tokens still go to the data dir).")
    boolean inMemory;

    @Option(names = "--parameter", paramLabel = "NAME=VALUE", description = "Override a template parameter (repeatable).")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Interface for HTTP and the sandbox (default 127.0.0.1).")
    String host;

    @Option(names = "--max-concurrency", paramLabel = "N", defaultValue = "" + LocalStack.DEFAULT_MAX_CONCURRENCY,
            description = "Instances per function at most, i.e. its concurrent invocations (default "
                    + LocalStack.DEFAULT_MAX_CONCURRENCY + ").")
    int maxConcurrency;

    @Option(names = "--json-logs", description = "Print the functions' log lines as the JSON Lambda would ship to"
            + " CloudWatch (default: short lines, no stack traces).")
    boolean jsonLogs;

    /** {@code --template}, else {@link Main#defaultTemplate()}. */
    Path template() {
        return template != null ? template : Main.defaultTemplate();
    }

    LocalStack.Builder builder() {
        return LocalStack.builder()
                .template(template())
                .bindAddress(host)
                .port(port)
                .dynamoDbPort(dynamoDbPort)
                .sqsPort(sqsPort)
                .s3Port(s3Port)
                .twilioSandbox(!noSandbox)
                .twilioSandboxPort(sandboxPort)
                .inMemory(inMemory)
                .dataDirectory(dataDirectory)
                .parameterOverrides(parameters)
                .maxConcurrency(maxConcurrency)
                .jsonLogs(jsonLogs);
    }
}
