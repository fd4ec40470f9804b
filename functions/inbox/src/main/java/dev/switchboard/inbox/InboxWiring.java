package dev.switchboard.inbox;

import dev.switchboard.shared.auth.BearerToken;
import dev.switchboard.shared.auth.OwnerAuth;
import dev.switchboard.shared.auth.Sessions;
import dev.switchboard.shared.config.AwsSettings;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.config.Staff;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.sms.OutboundTexts;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.storage.CappedCounters;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.S3Clients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.TwilioRestClients;
import dev.switchboard.shared.voice.CallbackUrls;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The inbox function's real clients and settings, built once per container. */
record InboxWiring(OwnerAuth auth, AuthService signIn, InboxService inbox, ClickToCall calls, StaffDirectory staff,
                   InboxPage page, Supplier<String> ownToken) {

    static final String DEFAULT_CODE_TEXT = "{business}: your inbox sign-in code is {code}. It works for 10 minutes."
            + " Never share it.";
    private static final Logger LOG = LoggerFactory.getLogger(InboxWiring.class);

    static InboxWiring from(Settings settings) {
        Clock clock = settings.clock();
        String baseUrl = settings.baseUrl("PUBLIC_BASE_URL");
        AwsSettings aws = settings.aws();
        Table table = new Table(DynamoDbClients.create(aws, Duration.ofSeconds(3)), settings.required("TABLE_NAME"));
        SqsClient sqs = SqsClients.create(aws, Duration.ofSeconds(3));
        Lines lines = Lines.load(settings);
        Staff staffSetting = Staff.load(settings, lines);
        StaffDirectory staff = phone -> staffSetting.member(phone).map(m -> new StaffDirectory.Member(m.phone(), m.name(),
                staffSetting.linesOf(phone).stream().findFirst().orElse(lines.fallback())));
        Sessions sessions = new Sessions(table);
        OwnerAuth auth = new OwnerAuth(BearerToken.fromSettings(settings), sessions::find, staffSetting::isStaff,
                baseUrl, clock);
        OutboundTexts texts = OutboundTexts.fromSettings(settings, table, sqs,
                phone -> staffSetting.isStaff(phone) || lines.isBusinessNumber(phone), clock);
        Optional<String> messagingService = settings.optional("TWILIO_MESSAGING_SERVICE_SID");
        String smsStatus = new CallbackUrls(baseUrl).smsStatus();
        String codeText = settings.orDefault("SIGNIN_CODE_TEXT", DEFAULT_CODE_TEXT);
        if (!codeText.contains("{code}")) {
            throw new ConfigException("SIGNIN_CODE_TEXT must contain {code}");
        }
        AuthService.CodeTexter texter = (member, code) -> {
            Line line = member.line();
            Optional<String> from = line.smsFrom().or(line::number);
            if (from.isEmpty() && messagingService.isEmpty()) {
                LOG.error("Sign-in code for {} not sent: no sending number (TWILIO_SMS_FROM or the line's smsFrom)",
                        PhoneMask.mask(member.phone()));
                return false;
            }
            SendResult result = texts.send(new OutgoingText("signin:" + member.phone() + ":" + UUID.randomUUID(),
                    "sign-in-code", member.phone(), from, from.isPresent() ? Optional.empty() : messagingService,
                    codeText.replace("{business}", line.businessName()).replace("{code}", code), smsStatus));
            return result.sent() || result.queued();
        };
        AuthRateLimits.Limits limits = new AuthRateLimits.Limits(
                settings.integer("SIGNIN_CODES_PER_PHONE_PER_HOUR", AuthRateLimits.Limits.DEFAULT.codesPerPhone(), 1, 1000),
                settings.integer("SIGNIN_CODES_PER_IP_PER_HOUR", AuthRateLimits.Limits.DEFAULT.codesPerIp(), 1, 100_000),
                settings.integer("SIGNIN_TRIES_PER_PHONE_PER_HOUR", AuthRateLimits.Limits.DEFAULT.triesPerPhone(), 1, 1000),
                settings.integer("SIGNIN_TRIES_PER_IP_PER_HOUR", AuthRateLimits.Limits.DEFAULT.triesPerIp(), 1, 100_000));
        AuthService signIn = new AuthService(staff, new SignInCodes(table), texter, AuthService.SessionStore.of(sessions),
                new AuthRateLimits(limits, new CappedCounters(table)::incrementBelow, clock), clock);

        S3Presigner presigner = S3Clients.presigner(aws);
        String bucket = settings.required("RECORDINGS_BUCKET");
        Duration linkLifetime = Duration.ofMinutes(settings.integer("PRESIGNED_URL_MINUTES", 10, 1, 60));
        ContactRecords contacts = ContactRecords.of(table, presigner, S3Clients.create(aws, Duration.ofSeconds(5)));
        ActivityStore activity = new IndexedActivity(table);
        InboxService inbox = new InboxService(activity, contacts, texts, lines, staff, messagingService, smsStatus,
                bucket, linkLifetime, clock);
        ClickToCall calls = new ClickToCall(inbox, staff, CallPlacer.of(TwilioRestClients.create(settings), 25),
                activity, baseUrl, clock);
        return new InboxWiring(auth, signIn, inbox, calls, staff, new InboxPage(mediaOrigin(contacts, bucket)),
                BearerToken.ownToken(settings));
    }

    /** Where presigned links point (the bucket's endpoint), for the page's {@code media-src}. */
    private static Optional<String> mediaOrigin(ContactRecords contacts, String bucket) {
        try {
            URI sample = URI.create(contacts.presignedGet(bucket, "recordings/probe.mp3", "audio/mpeg", Duration.ofMinutes(1)));
            return Optional.of(OwnerAuth.origin(sample.getScheme() + "://" + sample.getRawAuthority()));
        } catch (RuntimeException e) {
            LOG.warn("Inbox: the recordings' origin could not be worked out ({}); audio may be blocked", e.getMessage());
            return Optional.empty();
        }
    }
}
