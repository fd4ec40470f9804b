package dev.switchboard.local;

import dev.switchboard.emulators.AwsEndpoints;
import dev.switchboard.emulators.IntrinsicResolver;
import dev.switchboard.emulators.SamTemplate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code redrive QUEUE}: the messages in a queue's dead-letter queue, back to the queue, on the running stack. */
@Command(name = "redrive", header = "Move a dead-letter queue's messages back to its queue.",
        description = "Move the messages that are in a queue's dead-letter queue when it starts back to the queue on "
                + "the running stack, and print how many moved. QUEUE is the queue's or the DLQ's logical id.")
final class RedriveCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "QUEUE", description = "e.g. ArchiveQueue or ArchiveDeadLetterQueue.")
    String queueId;

    @Option(names = "--max", paramLabel = "N", description = "Move at most N messages.")
    Integer max;

    @Option(names = "--sqs-port", paramLabel = "N", defaultValue = "${env:SQS_PORT:-9324}",
            description = "The running stack's ElasticMQ (env SQS_PORT, default 9324).")
    int sqsPort;

    @Option(names = "--template", paramLabel = "PATH", description = "The template the stack runs (default as for run).")
    Path template;

    @Option(names = "--parameter", paramLabel = "NAME=VALUE", description = "A template parameter the stack runs with.")
    Map<String, String> parameters = new LinkedHashMap<>();

    private final PrintStream out;
    private final PrintStream err;

    RedriveCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        SamTemplate loaded = SamTemplate.load(template != null ? template : Main.defaultTemplate());
        IntrinsicResolver resolver = new IntrinsicResolver(loaded, parameters);
        QueueRedrive.Pair pair = QueueRedrive.resolve(loaded, queueId);
        try (SqsClient sqs = AwsEndpoints.localhost(0, sqsPort, 0).newSqsClient()) {
            String sourceUrl = sqs.getQueueUrl(b -> b.queueName(resolver.physicalName(pair.source()))).queueUrl();
            String dlqUrl = sqs.getQueueUrl(b -> b.queueName(resolver.physicalName(pair.deadLetterQueue()))).queueUrl();
            QueueRedrive.Result result = QueueRedrive.move(sqs, dlqUrl, sourceUrl, max == null ? Integer.MAX_VALUE : max);
            out.println("Moved " + result.moved() + " message(s) from " + pair.deadLetterQueue() + " to " + pair.source() + ".");
            if (result.failedAgain() > 0) {
                out.println(result.failedAgain() + " of them failed again and are back in " + pair.deadLetterQueue()
                        + "; they were left there: fix the cause, then redrive again.");
            }
            return 0;
        } catch (SdkException e) {
            err.println("error: SQS on localhost:" + sqsPort + " did not answer (" + e.getMessage()
                    + "). Is the local stack running?");
            return 1;
        }
    }
}
