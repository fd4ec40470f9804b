package dev.switchboard.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.TwilioRequestVerifier;
import dev.switchboard.shared.twilio.TwilioWebhook;
import dev.switchboard.shared.voice.CallbackUrls;
import dev.switchboard.shared.voice.VoiceTwiml;
import dev.switchboard.voice.IncomingCallHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The incoming-call handler, warm: signature verification, line lookup, business hours and TwiML for the
 * sample event, with the call-record write going to an in-memory DynamoDB client (storage stubbed).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xmx512m", "-Dlogback.configurationFile=logback-bench.xml"})
public class IncomingCallBenchmark {

    private IncomingCallHandler handler;
    private APIGatewayV2HTTPEvent event;
    private VoiceTwiml twiml;
    private VoiceTwiml.ForwardTemplate template;
    private Line line;
    private byte[] eventBytes;
    private PojoSerializer<APIGatewayV2HTTPEvent> eventSerializer;
    private PojoSerializer<APIGatewayV2HTTPResponse> responseSerializer;

    @Setup
    public void setUp() {
        String token = "sample-auth-token";
        String base = "http://localhost:3000";
        TwilioWebhook webhook = new TwilioWebhook(new TwilioRequestVerifier(base, List.of(token)), base);
        Lines lines = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177",
                "LINES", "{\"+19045550200\": {\"forwardTo\": \"+19045550177\", \"businessName\": \"Mechanic St. Augustine\","
                        + " \"hours\": {\"mon\": \"00:00-24:00\", \"tue\": \"00:00-24:00\", \"wed\": \"00:00-24:00\","
                        + " \"thu\": \"00:00-24:00\", \"fri\": \"00:00-24:00\", \"sat\": \"00:00-24:00\", \"sun\": \"00:00-24:00\"},"
                        + " \"timeZone\": \"America/New_York\"}}")));
        handler = new IncomingCallHandler(webhook, lines, new CallRecords(new Table(new InMemoryDynamoDb(), "bench")),
                Clock.systemUTC());
        event = EventLoader.loadApiGatewayHttpEvent(ProjectFiles.events("incoming-call.json"));
        twiml = new VoiceTwiml(new CallbackUrls(base));
        line = lines.forNumber("+19045550200");
        template = twiml.forwardTemplate(line, line.forwardTo().orElseThrow(), Optional.empty());
        APIGatewayV2HTTPResponse check = handler.handleRequest(event, null);
        if (check.getStatusCode() != 200 || !check.getBody().contains("<Dial")) {
            throw new IllegalStateException("the benchmark is not measuring a forwarded call: " + check.getBody());
        }
        eventSerializer = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader());
        responseSerializer = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, getClass().getClassLoader());
        try {
            eventBytes = Files.readAllBytes(Path.of(ProjectFiles.events("incoming-call.json")));
            for (byte[] answer : List.of(incomingCallFromBytes(), incomingCallThroughRuntimeSerializer())) {
                String json = new String(answer, java.nio.charset.StandardCharsets.UTF_8);
                if (!json.contains("\"statusCode\":200") || !json.contains("<Dial")) {
                    throw new IllegalStateException("the benchmark is not measuring a forwarded call: " + json);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public APIGatewayV2HTTPResponse incomingCall() {
        return handler.handleRequest(event, null);
    }

    /**
     * What Lambda's runtime runs per call: the event's bytes through the stream entry point (read and written
     * by jackson-jr, {@code ApiGatewayJson}) around {@link #incomingCall}.
     */
    @Benchmark
    public byte[] incomingCallFromBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        handler.handleRequest(new ByteArrayInputStream(eventBytes), out, null);
        return out.toByteArray();
    }

    /** The same through the runtime's POJO serializer, as Lambda called the typed handler before. */
    @Benchmark
    public byte[] incomingCallThroughRuntimeSerializer() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        responseSerializer.toJson(handler.handleRequest(eventSerializer.fromJson(new ByteArrayInputStream(eventBytes)), null), out);
        return out.toByteArray();
    }

    /** The in-hours TwiML as it was built per call before (twilio-java, JAXP transformer), for comparison. */
    @Benchmark
    public String forwardTwimlPerCall() {
        return twiml.forward(line, line.forwardTo().orElseThrow(), "+19045550123", Optional.empty());
    }

    /** The same document from the line's template (what the handler does now). */
    @Benchmark
    public String forwardTwimlFromTemplate() {
        return template.render("+19045550123");
    }
}
