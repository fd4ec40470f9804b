package dev.switchboard.recordings;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.logging.FunctionLogging;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.RecordingRecords;
import dev.switchboard.shared.storage.S3Clients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.Routes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@code GET /recordings} (newest first, paginated, by date range and number) and
 * {@code GET /recordings/{RecordingSid}} (the call, a presigned link to the audio that expires in
 * {@code PRESIGNED_URL_MINUTES}, and the transcript). Every request needs
 * {@code Authorization: Bearer <RECORDINGS_TOKEN>}; a wrong or missing token, or any token in the URL, is a
 * 401 with {@code WWW-Authenticate: Bearer} and nothing listed.
 */
public class RecordingsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Query parameters that look like a credential: refused, because URLs end up in logs and histories. */
    static final Set<String> TOKEN_PARAMETERS = Set.of("token", "access_token", "auth", "key", "api_key", "bearer");
    static final int MAX_TRANSCRIPT_BYTES = 1024 * 1024;
    private static final int MAX_INDEX_READS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(RecordingsApiHandler.class);

    private final BearerToken token;
    private final RecordingRecords recordings;
    private final CallRecords calls;
    private final S3Presigner presigner;
    private final S3Client s3;
    private final String bucket;
    private final Duration linkLifetime;
    private final ZoneId zone;
    private final Clock clock;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public RecordingsApiHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public RecordingsApiHandler(Map<String, String> environment) {
        this(ColdStart.wire("RecordingsApiFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
    }

    private RecordingsApiHandler(Wiring wiring) {
        this(wiring.token, wiring.recordings, wiring.calls, wiring.presigner, wiring.s3, wiring.bucket,
                wiring.linkLifetime, wiring.zone, Clock.systemUTC());
    }

    public RecordingsApiHandler(BearerToken token, RecordingRecords recordings, CallRecords calls, S3Presigner presigner,
                                S3Client s3, String bucket, Duration linkLifetime, ZoneId zone, Clock clock) {
        this.token = token;
        this.recordings = recordings;
        this.calls = calls;
        this.presigner = presigner;
        this.s3 = s3;
        this.bucket = bucket;
        this.linkLifetime = linkLifetime;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return FunctionLogging.around(context, () -> handle(event));
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        try {
            HttpRequest request = HttpRequest.from(event);
            String path = request.path();
            Optional<String> sid = Optional.empty();
            if (path.startsWith(Routes.RECORDINGS + "/")) {
                sid = Optional.of(request.pathParameter("RecordingSid").orElse(path.substring(Routes.RECORDINGS.length() + 1)));
            } else if (!path.equals(Routes.RECORDINGS) && !path.equals(Routes.RECORDINGS + "/")) {
                return HttpResponses.text(404, "Not found");
            }
            request.require(0, "GET");
            authorize(request);
            return sid.isPresent() ? detail(sid.get()) : list(request);
        } catch (HttpProblem problem) {
            return problem.toResponse();
        } catch (SdkException e) {
            LOG.error("Recordings API: storage unavailable: {}", e.getMessage());
            return HttpResponses.text(503, "Recordings are unavailable right now; try again shortly");
        }
    }

    private void authorize(HttpRequest request) {
        boolean tokenInUrl = request.queryParameters().keySet().stream()
                .anyMatch(name -> TOKEN_PARAMETERS.contains(name.toLowerCase(java.util.Locale.ROOT)));
        if (tokenInUrl) {
            LOG.warn("Recordings API: refused a request from {} with a token in the URL (only the Authorization header"
                    + " is accepted)", request.sourceIp().orElse("unknown"));
            throw unauthorized("invalid_request");
        }
        if (!token.accepts(request.header("authorization"))) {
            LOG.warn("Recordings API: refused a request from {} ({} bearer token)", request.sourceIp().orElse("unknown"),
                    request.header("authorization").isPresent() ? "wrong" : "no");
            throw unauthorized(request.header("authorization").isPresent() ? "invalid_token" : null);
        }
    }

    private static HttpProblem unauthorized(String error) {
        String challenge = "Bearer realm=\"switchboard-recordings\"" + (error == null ? "" : ", error=\"" + error + "\"");
        return new HttpProblem(401, "Unauthorized", Map.of("WWW-Authenticate", challenge));
    }

    private APIGatewayV2HTTPResponse list(HttpRequest request) {
        ListQuery query = ListQuery.parse(request.queryParameters(), zone, clock.instant());
        Optional<Map<String, AttributeValue>> start = query.cursor().map(Cursors::decode);
        RecordingRecords.Page page = recordings.page(query.from(), query.to(), query.number(), query.limit(), start,
                MAX_INDEX_READS);
        LOG.info("Recordings API: listed {} recordings{}", page.items().size(),
                page.lastKey().isPresent() ? " (more follow)" : "");
        return HttpResponses.json(200, Json.write(RecordingViews.page(page.items(), page.lastKey().map(Cursors::encode))));
    }

    private APIGatewayV2HTTPResponse detail(String sid) {
        if (!sid.matches("[A-Za-z0-9-]{2,64}")) {
            return HttpResponses.text(404, "No such recording");
        }
        Optional<Map<String, AttributeValue>> item = recordings.find(sid);
        if (item.isEmpty()) {
            return HttpResponses.text(404, "No such recording");
        }
        Map<String, AttributeValue> recording = item.get();
        Optional<Map<String, AttributeValue>> call = Item.string(recording, "callSid").flatMap(calls::find);
        Optional<RecordingViews.PresignedAudio> audio = Item.string(recording, "s3Key").map(key -> presign(recording, key));
        Optional<String> transcript = Item.string(recording, "transcriptTextKey").flatMap(key -> transcript(recording, key));
        LOG.info("Recordings API: recording {} of call {} fetched{}", sid, Item.string(recording, "callSid").orElse("-"),
                audio.isPresent() ? " with an audio link" : "");
        return HttpResponses.json(200, Json.write(RecordingViews.detail(recording, call, audio, transcript)));
    }

    private RecordingViews.PresignedAudio presign(Map<String, AttributeValue> recording, String key) {
        String objectBucket = Item.string(recording, "s3Bucket").orElse(bucket);
        Instant expires = clock.instant().plus(linkLifetime);
        String url = presigner.presignGetObject(b -> b.signatureDuration(linkLifetime)
                .getObjectRequest(g -> g.bucket(objectBucket).key(key)
                        .responseContentType(Item.string(recording, "contentType").orElse("audio/mpeg"))))
                .url().toString();
        return new RecordingViews.PresignedAudio(url, expires.toString());
    }

    private Optional<String> transcript(Map<String, AttributeValue> recording, String key) {
        String objectBucket = Item.string(recording, "s3Bucket").orElse(bucket);
        try {
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(objectBucket).key(key)
                    .range("bytes=0-" + (MAX_TRANSCRIPT_BYTES - 1))).asByteArray();
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (SdkException e) {
            LOG.warn("Recordings API: transcript s3://{}/{} could not be read: {}", objectBucket, key, e.getMessage());
            return Optional.empty();
        }
    }

    /** The real clients, built once per container. */
    private static final class Wiring {
        final BearerToken token;
        final RecordingRecords recordings;
        final CallRecords calls;
        final S3Presigner presigner;
        final S3Client s3;
        final String bucket;
        final Duration linkLifetime;
        final ZoneId zone;

        private Wiring(Settings settings) {
            String secret = settings.secret("RECORDINGS_TOKEN");
            if (secret.length() < BearerToken.MIN_LENGTH) {
                throw new ConfigException("RECORDINGS_TOKEN must be at least " + BearerToken.MIN_LENGTH
                        + " characters (e.g. openssl rand -hex 32)");
            }
            token = new BearerToken(secret);
            Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(5)),
                    settings.required("TABLE_NAME"));
            recordings = new RecordingRecords(table);
            calls = new CallRecords(table);
            presigner = S3Clients.presigner(settings.aws());
            s3 = S3Clients.create(settings.aws(), Duration.ofSeconds(5));
            bucket = settings.required("RECORDINGS_BUCKET");
            linkLifetime = Duration.ofMinutes(settings.integer("PRESIGNED_URL_MINUTES", 10, 1, 60));
            String zoneName = settings.orDefault("BUSINESS_TIME_ZONE", "America/New_York");
            try {
                zone = ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                throw new ConfigException("BUSINESS_TIME_ZONE is not a time zone: '" + zoneName + "'");
            }
        }

        static Wiring from(Settings settings) {
            return new Wiring(settings);
        }
    }
}
