package dev.switchboard.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.auth.BearerToken;
import dev.switchboard.shared.config.LiveSetting;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.RecordingRecords;
import dev.switchboard.shared.testing.TwilioEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Authentication, routing and answers of the recordings API with the sample events, the table and the
 * bucket in memory: a request that is refused never touches storage; one that gets past the token is
 * answered, or gets 503 when storage is down. What the answers hold is RecordingsServiceTest's.
 */
class RecordingsApiHandlerTest {

    final List<String> storageCalls = new ArrayList<>();
    RuntimeException outage;

    final RecordingsApiHandler handler = new RecordingsApiHandler(LiveSetting.of(new BearerToken("sample-recordings-token-0123456789")),
            ZoneId.of("America/New_York"), Clock.systemUTC(), new RecordingsService(new RecordingCatalog() {
                @Override
                public RecordingRecords.Page page(Instant from, Instant to, Optional<String> number, int limit,
                                                  Optional<Map<String, AttributeValue>> startKey, int maxReads) {
                    touch("page");
                    return new RecordingRecords.Page(List.of(), Optional.empty());
                }

                @Override
                public Optional<Map<String, AttributeValue>> recording(String recordingSid) {
                    touch("recording " + recordingSid);
                    return Optional.of(Map.of("recordingSid", AttributeValue.fromS(recordingSid)));
                }

                @Override
                public Optional<CallRecord> call(String callSid) {
                    touch("call " + callSid);
                    return Optional.empty();
                }
            }, new RecordingFiles() {
                @Override
                public String presignedGet(String bucket, String key, String contentType, Duration lifetime) {
                    throw new AssertionError("nothing to presign");
                }

                @Override
                public String readText(String bucket, String key, int maxBytes) {
                    throw new AssertionError("nothing to read");
                }
            }, "recordings", Duration.ofMinutes(10), Clock.systemUTC()));

    void touch(String what) {
        storageCalls.add(what);
        if (outage != null) {
            throw outage;
        }
    }

    static APIGatewayV2HTTPEvent withAuthorization(String file, String authorization) {
        APIGatewayV2HTTPEvent event = TwilioEvents.load(file);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (authorization == null) {
            headers.remove("authorization");
        } else {
            headers.put("authorization", authorization);
        }
        event.setHeaders(headers);
        return event;
    }

    @Test
    void aMissingOrWrongTokenIs401WithABearerChallenge() {
        for (String auth : new String[] {null, "Bearer wrong-token-wrong-token", "Basic c2FtcGxl"}) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(withAuthorization("recordings-api-list.json", auth), null);
            assertThat(response.getStatusCode()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(response.getHeaders().get("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.getBody()).doesNotContain("recordings\"");
        }
        assertThat(handler.handleRequest(withAuthorization("recordings-api-get.json", null), null).getStatusCode())
                .isEqualTo(401);
        assertThat(storageCalls).isEmpty();
    }

    @Test
    void aTokenInTheUrlIsNeverAccepted() {
        APIGatewayV2HTTPEvent event = withAuthorization("recordings-api-list.json", null);
        event.setRawQueryString("token=sample-recordings-token-0123456789");
        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(401);
        // Not even next to a valid header.
        APIGatewayV2HTTPEvent both = TwilioEvents.load("recordings-api-list.json");
        both.setRawQueryString("access_token=sample-recordings-token-0123456789");
        assertThat(handler.handleRequest(both, null).getStatusCode()).isEqualTo(401);
        assertThat(storageCalls).isEmpty();
    }

    @Test
    void theRightTokenGetsThrough() {
        APIGatewayV2HTTPResponse list = handler.handleRequest(TwilioEvents.load("recordings-api-list.json"), null);
        assertThat(list.getStatusCode()).isEqualTo(200);
        assertThat(list.getBody()).startsWith("{\"recordings\":[");
        assertThat(handler.handleRequest(TwilioEvents.load("recordings-api-get.json"), null).getStatusCode()).isEqualTo(200);
        assertThat(storageCalls).hasSize(2);
    }

    @Test
    void storageDownIs503() {
        outage = SdkException.create("table unreachable", null);
        assertThat(handler.handleRequest(TwilioEvents.load("recordings-api-list.json"), null).getStatusCode()).isEqualTo(503);
        assertThat(handler.handleRequest(TwilioEvents.load("recordings-api-get.json"), null).getStatusCode()).isEqualTo(503);
    }

    @Test
    void badQueriesAre400AndOtherMethods405() {
        APIGatewayV2HTTPEvent bad = TwilioEvents.load("recordings-api-list.json");
        bad.setRawQueryString("limit=lots");
        assertThat(handler.handleRequest(bad, null).getStatusCode()).isEqualTo(400);
        APIGatewayV2HTTPEvent post = TwilioEvents.load("recordings-api-list.json");
        post.getRequestContext().getHttp().setMethod("DELETE");
        assertThat(handler.handleRequest(post, null).getStatusCode()).isEqualTo(405);
    }
}
