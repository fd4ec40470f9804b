package dev.switchboard.transcription;

import com.twilio.http.TwilioRestClient;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Priming;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.config.Staff;
import dev.switchboard.shared.pricing.PriceTableSource;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.queue.WorkerQueues;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.S3Clients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.storage.TranscriptRecords;
import dev.switchboard.shared.twilio.TwilioRestClients;
import dev.switchboard.transcription.engine.AudioSource;
import dev.switchboard.transcription.engine.EngineName;
import dev.switchboard.transcription.engine.EnginePlan;
import dev.switchboard.transcription.engine.IntelligenceEngine;
import dev.switchboard.transcription.engine.IntelligenceTranscripts;
import dev.switchboard.transcription.engine.TranscriptionEngine;
import dev.switchboard.transcription.engine.WhisperEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The transcriber's real clients and settings, built once per container. Settings (see
 * docs/transcription.md): {@code TRANSCRIBER}, {@code CI_SERVICE_SID}, {@code TWILIO_*} (REST client),
 * {@code INTELLIGENCE_MEDIA_URL_HOURS}, {@code OPENAI_BASE_URL}, {@code OPENAI_API_KEY},
 * {@code WHISPER_MODEL}, {@code WHISPER_MAX_BYTES}, {@code OPENAI_TIMEOUT_SECONDS}, {@code RECORDINGS_BUCKET},
 * {@code TABLE_NAME}, {@code QUEUE_URL}, {@code DEAD_LETTER_QUEUE_URL}, {@code CRM_QUEUE_URL},
 * {@code PUBLIC_BASE_URL}, {@code PRICE_TABLE} / {@code PRICE_TABLE_S3_URI}, {@code RETRY_BASE_SECONDS},
 * {@code RETRY_MAX_SECONDS}.
 */
record TranscriberWiring(WorkerQueues queues, TranscriptionWorker worker) {

    private static final Logger LOG = LoggerFactory.getLogger(TranscriberWiring.class);

    static TranscriberWiring from(Settings settings) {
        Clock clock = settings.clock();
        Optional<String> ciServiceSid = settings.optional("CI_SERVICE_SID");
        ciServiceSid.ifPresent(sid -> {
            if (!sid.matches("GA[0-9a-fA-F]{32}")) {
                throw new ConfigException("CI_SERVICE_SID must be a Conversational Intelligence service SID (GA"
                        + " followed by 32 hex digits), got '" + sid + "'");
            }
        });
        EnginePlan plan = EnginePlan.parse(settings.optional("TRANSCRIBER"), ciServiceSid.isPresent());
        String publicBaseUrl = settings.baseUrl("PUBLIC_BASE_URL");
        String bucketName = settings.required("RECORDINGS_BUCKET");
        String crmQueueUrl = settings.required("CRM_QUEUE_URL");

        SqsClient sqs = SqsClients.create(settings.aws(), Duration.ofSeconds(10));
        WorkerQueues queues = WorkerQueues.fromSettings(settings, sqs, Duration.ofSeconds(30), Duration.ofMinutes(15));
        Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(5)), settings.required("TABLE_NAME"));
        S3Client s3 = S3Clients.create(settings.aws(), Duration.ofSeconds(60));
        RecordingBucket bucket = new RecordingBucket(s3, S3Clients.presigner(settings.aws()));
        Supplier<CallPricing> pricing = CallPricing.live(PriceTableSource.live(settings, () -> s3), clock);

        Map<EngineName, TranscriptionEngine> engines = new EnumMap<>(EngineName.class);
        Optional<IntelligenceTranscripts> intelligence = Optional.empty();
        if (ciServiceSid.isPresent()) {
            TwilioRestClient twilio = TwilioRestClients.create(settings);
            intelligence = Optional.of(new IntelligenceTranscripts(twilio, clock));
            if (plan.uses(EngineName.TWILIO_INTELLIGENCE)) {
                Duration mediaUrlValidity = Duration.ofHours(settings.integer("INTELLIGENCE_MEDIA_URL_HOURS", 6, 1, 168));
                engines.put(EngineName.TWILIO_INTELLIGENCE, new IntelligenceEngine(twilio, ciServiceSid.get(), bucket,
                        mediaUrlValidity, signalWire(settings), clock));
            }
        }
        if (plan.uses(EngineName.OPENAI_WHISPER)) {
            engines.put(EngineName.OPENAI_WHISPER, whisper(settings, bucket, clock));
        }
        OnceOnly once = new OnceOnly(table, clock);
        Staff staff = Staff.load(settings, Lines.load(settings));
        LeadHandoff handoff = new LeadHandoff(new JobQueue(sqs, crmQueueUrl)::send,
                new JobQueue(sqs, settings.required("ALERT_QUEUE_URL"))::send, staff::isStaff, once,
                () -> pricing.get().prices(), publicBaseUrl, clock);
        TranscriptionWorker worker = new TranscriptionWorker(plan, engines, intelligence, new TranscriptRecords(table),
                new CallRecords(table), bucket, bucketName, () -> pricing.get().extractor(), handoff, once, clock);
        LOG.info("Transcriber ready: engines {}", plan);
        return new TranscriberWiring(queues, worker);
    }

    /** OpenAI's speech-to-text; {@code OPENAI_API_KEY} is live (a rotated key is used within its max age). */
    static WhisperEngine whisper(Settings settings, AudioSource audio, Clock clock) {
        Duration timeout = Duration.ofSeconds(settings.integer("OPENAI_TIMEOUT_SECONDS", 240, 5, 840));
        HttpClient http = Priming.guard(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), "OpenAI");
        return new WhisperEngine(http,
                settings.optionalBaseUrl("OPENAI_BASE_URL").orElse("https://api.openai.com"),
                settings.live("OPENAI_API_KEY", key -> key),
                settings.orDefault("WHISPER_MODEL", "whisper-1"),
                settings.integer("WHISPER_MAX_BYTES", (int) WhisperEngine.UPLOAD_LIMIT_BYTES, 1,
                        (int) WhisperEngine.UPLOAD_LIMIT_BYTES),
                timeout, audio, clock);
    }

    /** SignalWire's compatibility API has no Conversational Intelligence. */
    static boolean signalWire(Settings settings) {
        return settings.optionalBaseUrl("TWILIO_API_BASE_URL")
                .map(url -> URI.create(url).getHost().toLowerCase(Locale.ROOT).endsWith("signalwire.com"))
                .orElse(false);
    }
}
