package dev.switchboard.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.switchboard.quote.CorsPolicy;
import dev.switchboard.quote.QuoteFormReader;
import dev.switchboard.quote.QuoteHandler;
import dev.switchboard.quote.QuoteIntake;
import dev.switchboard.quote.SmsOutcome;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.pricing.PriceTable;
import java.time.Clock;
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
 * The quote function, warm, on the reference example (oil change, 2018 Toyota Camry, 4-cylinder, text
 * opt-in): {@link #validateAndEstimate} is the form parsing, validation and estimate alone;
 * {@link #wholeHandler} is the whole request with storage, rate limits, the CRM queue and Twilio stubbed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xmx512m", "-Dlogback.configurationFile=logback-bench.xml"})
public class QuoteBenchmark {

    private QuoteIntake intake;
    private QuoteHandler handler;
    private APIGatewayV2HTTPEvent event;
    private HttpRequest request;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        PriceTable prices = PriceTable.defaults();
        intake = new QuoteIntake(() -> prices, clock, "US");
        handler = new QuoteHandler(intake, CorsPolicy.parse("https://example.com", Optional.of("http://localhost:3000")),
                lead -> lead.id(), (ip, phone) -> Optional.empty(), job -> { },
                lead -> SmsOutcome.sent("SM00000000000000000000000000000000"), Optional.empty(), clock);
        event = EventLoader.loadApiGatewayHttpEvent(ProjectFiles.events("quote-reference-example.json"));
        request = HttpRequest.from(event);
        APIGatewayV2HTTPResponse check = handler.handleRequest(event, null);
        if (check.getStatusCode() != 200 || !check.getBody().contains("\"50.00\"")) {
            throw new IllegalStateException("the benchmark is not measuring the reference quote: " + check.getBody());
        }
    }

    @Benchmark
    public QuoteIntake.Evaluation validateAndEstimate() {
        return intake.evaluate(QuoteFormReader.read(request));
    }

    @Benchmark
    public APIGatewayV2HTTPResponse wholeHandler() {
        return handler.handleRequest(event, null);
    }
}
