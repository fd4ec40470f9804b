package dev.switchboard.quote;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.switchboard.shared.http.HttpApiHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.switchboard.shared.config.AwsSettings;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Priming;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.config.Staff;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.logging.FunctionLogging;
import dev.switchboard.shared.phone.PhoneNumbers;
import dev.switchboard.shared.pricing.PriceTableSource;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.JobSender;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.sms.OutboundTexts;
import dev.switchboard.shared.storage.CappedCounters;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.S3Clients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.voice.CallbackUrls;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code /quote}, the website's quote form, facing the open internet:
 * <ul>
 *   <li>{@code POST}: JSON or an urlencoded form → validated and priced ({@link QuoteIntake}), then taken by
 *       {@link QuoteService} (rate limits, the lead, the CRM job, the text). A filled honeypot gets a
 *       normal-looking 200 and nothing is stored or sent.</li>
 *   <li>{@code OPTIONS}: the CORS preflight ({@link CorsPolicy}).</li>
 *   <li>{@code GET}: the quote page ({@link QuotePage}).</li>
 * </ul>
 * Nothing a client sends can cause a 5xx; the only 5xx is a 503 when neither the table nor the CRM queue
 * could take the lead.
 */
// RequestHandler is HttpApiHandler\'s too; named here so the event types read off this class.
public class QuoteHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, HttpApiHandler {

    public static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(QuoteHandler.class);

    private final QuoteIntake intake;
    private final CorsPolicy cors;
    private final QuotePage page;
    private final QuoteService service;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public QuoteHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public QuoteHandler(Map<String, String> environment) {
        this(ColdStart.wire("QuoteFunction", () -> {
            Settings settings = Settings.fromEnvironment(environment);
            return Wiring.from(settings, settings.clock());
        }));
        Priming.register(this, APIGatewayV2HTTPEvent.class, "quote-reference-example.json"); // SnapStart: answered before the snapshot
    }

    private QuoteHandler(Wiring w) {
        this(w.intake, w.cors, w.service);
    }

    /** With its service built from these parts (tests and the benchmark). */
    public QuoteHandler(QuoteIntake intake, CorsPolicy cors, LeadStore leads, RateLimiter limiter,
                        JobSender<CrmSyncJob> crm, EstimateTexter texter, Optional<String> line, Clock clock) {
        this(intake, cors, new QuoteService(leads, limiter, crm, texter, line, clock));
    }

    public QuoteHandler(QuoteIntake intake, CorsPolicy cors, QuoteService service) {
        this.intake = intake;
        this.cors = cors;
        this.page = QuotePage.load(cors.origins());
        this.service = service;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return FunctionLogging.around(context, () -> handle(event));
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        HttpRequest request;
        try {
            request = HttpRequest.from(event);
        } catch (HttpProblem problem) {
            return QuoteResponses.refused(problem.status(), problem.getMessage(), problem.headers());
        }
        Optional<String> origin = request.header("origin");
        switch (request.method()) {
            case "OPTIONS":
                return HttpResponses.of(204, null, "", cors.preflight(origin));
            case "GET":
                return page.response();
            case "POST":
                return submit(request, origin);
            default:
                Map<String, String> headers = new LinkedHashMap<>(cors.headers(origin));
                headers.put("Allow", "GET, POST, OPTIONS");
                return QuoteResponses.refused(405, "Method not allowed", headers);
        }
    }

    private APIGatewayV2HTTPResponse submit(HttpRequest request, Optional<String> origin) {
        Map<String, String> corsHeaders = cors.headers(origin);
        String client = request.sourceIp().orElse("unknown");
        if (origin.isPresent() && !cors.allows(origin.get())) {
            LOG.warn("Quote refused (403): origin {} is not in ALLOWED_ORIGINS (address {})", origin.get(), client);
            return QuoteResponses.refused(403, "This website may not send quotes here", corsHeaders);
        }
        QuoteForm form;
        try {
            if (request.body().length > MAX_BODY_BYTES) {
                throw HttpProblem.tooLarge(MAX_BODY_BYTES);
            }
            form = QuoteFormReader.read(request);
        } catch (HttpProblem problem) {
            LOG.info("Quote refused ({}): {} (address {})", problem.status(), problem.getMessage(), client);
            Map<String, String> headers = new LinkedHashMap<>(corsHeaders);
            headers.putAll(problem.headers());
            return QuoteResponses.refused(problem.status(), problem.getMessage(), headers);
        }
        if (form.honeypotFilled()) {
            // Look like any other success, so the bot learns nothing; nothing is stored, counted or sent.
            LOG.info("Quote ignored: the hidden website field was filled, a bot (address {})", client);
            return QuoteResponses.accepted(Lead.newId(), intake.decoyEstimate(form), SmsOutcome.NOT_SENT, corsHeaders);
        }
        QuoteIntake.Evaluation evaluation = intake.evaluate(form);
        if (!evaluation.valid()) {
            LOG.info("Quote refused (400): invalid {} (address {})", evaluation.errors().keySet(), client);
            return QuoteResponses.invalid(evaluation.errors(), corsHeaders);
        }
        QuoteService.Outcome outcome = service.submit(evaluation.quote().orElseThrow(),
                evaluation.estimate().orElseThrow(), request.sourceIp());
        if (outcome instanceof QuoteService.Taken taken) {
            return QuoteResponses.accepted(taken.lead().id(), taken.lead().estimate(), taken.sms(), corsHeaders);
        }
        if (outcome instanceof QuoteService.RateLimited limited) {
            return QuoteResponses.tooManyRequests(limited.retryAfter().getSeconds(), corsHeaders);
        }
        Map<String, String> headers = new LinkedHashMap<>(corsHeaders);
        headers.put("Retry-After", "60");
        return QuoteResponses.refused(503, "We couldn't take your request just now. Please try again in a"
                + " minute, or give us a call.", headers);
    }

    /** The real clients and settings, built once per container. */
    static final class Wiring {
        QuoteIntake intake;
        CorsPolicy cors;
        QuoteService service;

        static Wiring from(Settings settings, Clock clock) {
            Wiring w = new Wiring();
            String baseUrl = settings.baseUrl("PUBLIC_BASE_URL");
            w.cors = CorsPolicy.parse(settings.orDefault("ALLOWED_ORIGINS", ""), Optional.of(baseUrl));
            Lines lines = Lines.load(settings);
            Line quoteLine = quoteLine(settings, lines);
            Optional<String> line = quoteLine.number().or(quoteLine::smsFrom);
            String region = settings.orDefault("PHONE_DEFAULT_REGION", PhoneNumbers.DEFAULT_REGION);
            if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
                throw new ConfigException("PHONE_DEFAULT_REGION must be a two-letter region like US, got '" + region + "'");
            }
            int perPhone = settings.integer("QUOTE_RATE_LIMIT_PER_PHONE_PER_HOUR",
                    QuoteRateLimits.DEFAULT_PER_PHONE_PER_HOUR, 0, 100_000);
            int perIp = settings.integer("QUOTE_RATE_LIMIT_PER_IP_PER_HOUR", QuoteRateLimits.DEFAULT_PER_IP_PER_HOUR,
                    0, 1_000_000);

            AwsSettings aws = settings.aws();
            // Short timeouts: the form answers a person who is waiting.
            Table table = new Table(DynamoDbClients.create(aws, Duration.ofMillis(1500)), settings.required("TABLE_NAME"));
            SqsClient sqs = SqsClients.create(aws, Duration.ofMillis(1500));
            PriceTableSource prices = PriceTableSource.live(settings, () -> S3Clients.create(aws, Duration.ofSeconds(5)));
            w.intake = new QuoteIntake(prices, clock, region);
            RateLimiter limiter = new QuoteRateLimits(perIp, perPhone, new CappedCounters(table)::incrementBelow, clock);
            JobQueue crmQueue = new JobQueue(sqs, settings.required("CRM_QUEUE_URL"));
            Staff staff = Staff.load(settings, lines);
            // Staff trying the form get the estimate text like a customer, without the customer's daily cap.
            OutboundTexts texts = OutboundTexts.fromSettings(settings, table, sqs,
                    number -> lines.isBusinessNumber(number) || staff.isStaff(number), clock);
            EstimateText words = new EstimateText(settings.orDefault("QUOTE_TEXT", EstimateText.DEFAULT_PRICED),
                    settings.orDefault("QUOTE_TEXT_NO_PRICE", EstimateText.DEFAULT_UNPRICED), prices);
            OutboundEstimateTexter texter = new OutboundEstimateTexter(texts, quoteLine,
                    settings.optional("TWILIO_MESSAGING_SERVICE_SID"), words, new CallbackUrls(baseUrl).smsStatus(),
                    lines::isBusinessNumber, staff::isStaff);
            if (!texter.canSend()) {
                LOG.warn("Estimate texts are OFF: set TWILIO_SMS_FROM (or smsFrom on the quote line) or"
                        + " TWILIO_MESSAGING_SERVICE_SID; quotes are still taken");
            }
            JobQueue alertQueue = new JobQueue(sqs, settings.required("ALERT_QUEUE_URL"));
            w.service = new QuoteService(new DynamoLeadStore(table, new OnceOnly(table, clock)), limiter,
                    crmQueue::send, texter, line, clock, alertQueue::send, staff::isStaff);
            return w;
        }

        /** {@code QUOTE_LINE}: the LINES entry whose business name and number the quote texts use. */
        private static Line quoteLine(Settings settings, Lines lines) {
            Optional<String> number = settings.optionalE164("QUOTE_LINE");
            if (number.isEmpty()) {
                return lines.fallback();
            }
            Line line = lines.forNumber(number.get());
            if (line.number().isEmpty()) {
                throw new ConfigException("QUOTE_LINE " + number.get() + " is not one of the numbers in LINES");
            }
            return line;
        }
    }
}
