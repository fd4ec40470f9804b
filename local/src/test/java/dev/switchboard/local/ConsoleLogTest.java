package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;

/** What a person at the terminal reads: short lines for expected conditions, the JSON only when asked for. */
class ConsoleLogTest {

    private static final IllegalStateException REFUSED = new IllegalStateException("The conditional request failed",
            new RuntimeException("ConditionalCheckFailedException"));

    @Test
    void aFunctionsLineIsOneShortLineUnlessJsonIsAskedFor() {
        FunctionLog log = new FunctionLog("CallStatusFunction", "WARN", "dev.switchboard.callstatus.X",
                "A repeated status callback was refused", REFUSED, () -> "{\"level\":\"WARN\",\"message\":\"...\"}\n");

        String human = print(() -> ConsoleLog.function(log, false));
        assertThat(human.lines()).singleElement().satisfies(line -> assertThat(line)
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[CallStatusFunction] WARN  A repeated status callback was refused"
                        + " \\(IllegalStateException: The conditional request failed; caused by RuntimeException:"
                        + " ConditionalCheckFailedException\\)"));

        assertThat(print(() -> ConsoleLog.function(log, true))).isEqualTo("{\"level\":\"WARN\",\"message\":\"...\"}\n");
    }

    @Test
    void theEmulatorsLogShortLinesAndDynamoDbLocalsClientErrorsNotAtAll() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        LoggerContext context = new LoggerContext("console-test", null,
                URI.create(getClass().getResource("/log4j2-local.xml").toString()));
        try {
            context.start();
            context.getLogger("com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler")
                    .warn("DynamoDBLocalServiceException exception occured", new IllegalStateException("Cannot create preexisting table"));
            context.getLogger("org.elasticmq.actor.QueueActor").warn("Something to know", REFUSED);
        } finally {
            context.stop();
            System.setOut(previous);
        }
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).singleElement().satisfies(line -> assertThat(line)
                .endsWith("[QueueActor] WARN  Something to know (java.lang.IllegalStateException: The conditional request failed)"));
    }

    private static String print(Runnable body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = ConsoleLog.stream();
        ConsoleLog.to(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            ConsoleLog.to(previous);
        }
        return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
