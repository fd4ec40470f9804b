package dev.switchboard.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;
import software.amazon.lambda.powertools.logging.internal.PowertoolsLoggedFields;

class LambdaJsonEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LoggerContext context = new LoggerContext();
    private final LambdaJsonEncoder encoder = new LambdaJsonEncoder();

    private LoggingEvent event(Level level, String message, Throwable thrown, Map<String, String> mdc) {
        Logger logger = context.getLogger("dev.switchboard.Example");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, thrown, null);
        event.setMDCPropertyMap(mdc);
        event.setTimeStamp(1_764_633_600_123L);   // 2025-12-02T00:00:00.123Z
        return event;
    }

    @Test
    void aLineCarriesPowertoolsFieldsWithTheirTypesAndEveryOtherMdcEntry() throws Exception {
        String line = encoder.line(event(Level.INFO, "Answered \"the\" call", null, Map.of(
                "cold_start", "true", "function_name", "incoming-call", "function_request_id", "req-1",
                "function_memory_size", "512", "sampling_rate", "0.1", "service", "switchboard",
                "function_arn", "arn:aws:lambda:us-east-1:123456789012:function:incoming-call",
                "xray_trace_id", "1-abc", "callSid", "CA1", "priming", "true")));
        assertThat(line).endsWith("}\n").doesNotContain("\n{").hasLineCount(1);
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("message").asText()).isEqualTo("Answered \"the\" call");
        assertThat(json.get("cold_start").isBoolean()).isTrue();
        assertThat(json.get("cold_start").asBoolean()).isTrue();
        assertThat(json.get("function_memory_size").isInt()).isTrue();
        assertThat(json.get("sampling_rate").isNumber()).isTrue();
        assertThat(json.get("function_request_id").asText()).isEqualTo("req-1");
        assertThat(json.get("timestamp").asText()).isEqualTo("2025-12-02T00:00:00.123Z");
        assertThat(json.get("callSid").asText()).isEqualTo("CA1");
        assertThat(json.get("priming").asText()).isEqualTo("true");
        assertThat(json.has("error")).isFalse();
        assertThat(JSON.readTree(encoder.line(event(Level.INFO, "m", null, Map.of("sampling_rate", "0.0"))))
                .has("sampling_rate")).as("a zero rate is left out, as Powertools' layout did").isFalse();
        List<String> names = StreamSupport.stream(((Iterable<String>) json::fieldNames).spliterator(), false).toList();
        assertThat(names).startsWith("level", "message", "cold_start", "function_arn", "function_memory_size",
                "function_name", "function_request_id").endsWith("callSid", "priming");
    }

    @Test
    void anExceptionIsAnErrorObjectWithPowertoolsNames() throws Exception {
        JsonNode json = JSON.readTree(encoder.line(event(Level.ERROR, "failed", new IllegalStateException("table gone"),
                Map.of())));
        assertThat(json.get("error").get("message").asText()).isEqualTo("table gone");
        assertThat(json.get("error").get("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json.get("error").get("stack").asText()).startsWith("java.lang.IllegalStateException: table gone")
                .contains("\tat dev.switchboard.shared.logging.LambdaJsonEncoderTest");
    }

    @Test
    void outsideAnInvocationTheLambdaStringFieldsAreNullAsPowertoolsWroteThem() {
        assertThat(encoder.line(event(Level.INFO, "probe line", null, Map.of()))).isEqualTo("{\"level\":\"INFO\","
                + "\"message\":\"probe line\",\"function_arn\":null,\"function_name\":null,\"function_request_id\":null,"
                + "\"function_version\":null,\"service\":null,\"timestamp\":\"2025-12-02T00:00:00.123Z\"}\n");
    }

    @Test
    void everyStringIsCutAt8192Characters() throws Exception {
        String longText = "x".repeat(20_000) + "\u0001";
        JsonNode json = JSON.readTree(encoder.line(event(Level.WARN, longText, null, Map.of("note", longText))));
        assertThat(json.get("message").asText()).hasSize(LambdaJsonEncoder.MAX_STRING_LENGTH + 1).endsWith("x…");
        assertThat(json.get("note").asText()).hasSize(LambdaJsonEncoder.MAX_STRING_LENGTH + 1);
    }

    @Test
    void controlCharactersAndQuotesAreEscaped() throws Exception {
        String text = "line1\nline2\t\"quoted\" \\ \u0007 é";
        assertThat(JSON.readTree(encoder.line(event(Level.INFO, text, null, Map.of()))).get("message").asText())
                .isEqualTo(text);
    }

    @Test
    void theEncoderKnowsEveryFieldPowertoolsPutsInTheMdc() {
        assertThat(LambdaJsonEncoder.POWERTOOLS_FIELDS).containsExactlyInAnyOrderElementsOf(
                PowertoolsLoggedFields.stringValues());
    }

    @Test
    void levelsAreTheFunctionsConfiguration() {
        LoggerContext configured = new LoggerContext();
        LambdaLogbackConfigurator.configure(configured, Map.of("POWERTOOLS_LOG_LEVEL", "debug"));
        assertThat(configured.getLogger("dev.switchboard.calls.X").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(configured.getLogger("software.amazon.awssdk.request").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(configured.getLogger("com.twilio.http").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(configured.getLogger("org.eclipse.jetty").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(configured.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LambdaLogbackConfigurator.APPENDER))
                .isNotNull();
        assertThat(LambdaLogbackConfigurator.applicationLevel(Map.of())).isEqualTo(Level.INFO);
        assertThat(LambdaLogbackConfigurator.applicationLevel(Map.of("POWERTOOLS_LOG_LEVEL", "FATAL")))
                .isEqualTo(Level.ERROR);
    }

    @Test
    void theTestsLogThroughTheFunctionsConfigurationAndPowertoolsFindsTheLogbackManager() {
        LoggerContext live = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(live.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LambdaLogbackConfigurator.APPENDER)).isNotNull();
        Iterator<LoggingManager> managers = ServiceLoader.load(LoggingManager.class).iterator();
        assertThat(StreamSupport.stream(((Iterable<LoggingManager>) () -> managers).spliterator(), false)
                .map(m -> m.getClass().getName()).collect(Collectors.toList()))
                .containsExactly(LogbackLoggingManager.class.getName());
    }

    @Test
    void theManagerSetsTheApplicationsLevelOnly() {
        LoggerContext live = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger app = live.getLogger("dev.switchboard");
        Level before = app.getLevel();
        try {
            LogbackLoggingManager manager = new LogbackLoggingManager();
            manager.setLogLevel(org.slf4j.event.Level.DEBUG);
            assertThat(manager.getLogLevel(LoggerFactory.getLogger("dev.switchboard.calls.X")))
                    .isEqualTo(org.slf4j.event.Level.DEBUG);
            assertThat(manager.getLogLevel(LoggerFactory.getLogger("software.amazon.awssdk.core")))
                    .isEqualTo(org.slf4j.event.Level.WARN);
        } finally {
            app.setLevel(before);
            MDC.clear();
        }
    }
}
