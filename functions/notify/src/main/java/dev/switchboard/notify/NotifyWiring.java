package dev.switchboard.notify;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.switchboard.shared.activity.ActivityIndex;
import dev.switchboard.shared.auth.BearerToken;
import dev.switchboard.shared.auth.OwnerAuth;
import dev.switchboard.shared.auth.Sessions;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.LiveSetting;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.config.Staff;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.phone.PhoneNumbers;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.sms.OutboundTexts;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.voice.CallbackUrls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The real clients and settings of the notify function and its sweeper, built once per container. */
record NotifyWiring(LiveSetting<NotifyAuth> auth, OwnerAuth owner, NotifyRequestReader reader, NotifyService service,
                    NotifySweeper sweeper, NotifyStore store, Clock clock,
                    BiFunction<HttpRequest, Instant, Map<String, String>> primingCredentials) {

    static NotifyWiring from(Settings settings) {
        Clock clock = settings.clock();
        LiveSetting<NotifyAuth> auth = settings.live(NotifyAuth::fromSettings);
        // The raw NOTIFY_TOKEN / NOTIFY_SECRET, kept in memory only: SnapStart priming's request carries them.
        LiveSetting<Optional<String>> ownToken = settings.live(s -> s.optional("NOTIFY_TOKEN"));
        LiveSetting<Optional<String>> ownSecret = settings.live(s -> s.optional("NOTIFY_SECRET"));
        Lines lines = Lines.load(settings);
        Staff staff = Staff.load(settings, lines);
        LiveSetting<NotifyOptions> options = settings.live(NotifyOptions::parse);
        String region = settings.orDefault("PHONE_DEFAULT_REGION", PhoneNumbers.DEFAULT_REGION);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
            throw new ConfigException("PHONE_DEFAULT_REGION must be a two-letter region like US, got '" + region + "'");
        }
        Optional<String> messagingService = settings.optional("TWILIO_MESSAGING_SERVICE_SID");
        String baseUrl = settings.baseUrl("PUBLIC_BASE_URL");
        String statusCallback = new CallbackUrls(baseUrl).smsStatus();
        Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(3)), settings.required("TABLE_NAME"));
        SqsClient sqs = SqsClients.create(settings.aws(), Duration.ofSeconds(3));
        OutboundTexts texts = OutboundTexts.fromSettings(settings, table, sqs,
                number -> lines.isBusinessNumber(number) || staff.isStaff(number), clock);
        // Like every owner route: a staff session (cookie) or Bearer RECORDINGS_TOKEN. The token is read when a
        // request first needs it, so notify starts (and serves NOTIFY_TOKEN callers) without it.
        OwnerAuth owner = new OwnerAuth(whenNeeded(() -> BearerToken.fromSettings(settings)), new Sessions(table)::find,
                staff::isStaff, baseUrl, clock);
        DynamoNotifyStore store = new DynamoNotifyStore(table);
        JobQueue crm = new JobQueue(sqs, settings.required("CRM_QUEUE_URL"));
        CustomerTexter texter = new CustomerTexter(texts, store, messagingService, statusCallback,
                NotifyActivity.both(new CrmNotes(crm::send), new NotifyActivity(new ActivityIndex(table), store)));
        Function<Optional<String>, Line> lineFor = number -> number.map(lines::forNumber)
                .orElseGet(() -> defaultLine(lines));
        Function<String, Line> lineByKey = lines::forNumber;
        NotifyRequestReader reader = new NotifyRequestReader(region, number -> lines.forNumber(number).number().isPresent()
                || lines.fallback().smsFrom().filter(number::equals).isPresent());
        return new NotifyWiring(auth, owner, reader, new NotifyService(lineFor, options, store, texter, clock),
                new NotifySweeper(store, texter, lineByKey, options, clock), store, clock,
                (request, now) -> NotifyAuth.ownCredentials(ownToken.get(), ownSecret.get(), request.body(), now));
    }

    /** A live setting derived on its first use (a failure, e.g. a missing parameter, is retried on the next). */
    static <T> Supplier<T> whenNeeded(Supplier<LiveSetting<T>> create) {
        return new Supplier<>() {
            private volatile LiveSetting<T> setting;

            @Override
            public T get() {
                LiveSetting<T> live = setting;
                if (live == null) {
                    synchronized (this) {
                        if (setting == null) {
                            setting = create.get();
                        }
                        live = setting;
                    }
                }
                return live.get();
            }
        };
    }

    /**
     * The line a request without {@code line} texts from: the configured line whose number is
     * {@code TWILIO_SMS_FROM} (or the only configured line), else the fallback line of the global settings.
     */
    static Line defaultLine(Lines lines) {
        Line fallback = lines.fallback();
        Optional<Line> bySender = fallback.smsFrom().map(lines::forNumber).filter(l -> l.number().isPresent());
        if (bySender.isPresent()) {
            return bySender.get();
        }
        return lines.configured().size() == 1 ? lines.configured().iterator().next() : fallback;
    }
}
