package dev.switchboard.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.RecordingRecords;
import dev.switchboard.shared.storage.S3Clients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.testing.TwilioEvents;
import dev.switchboard.shared.testing.UnreachableAws;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Authentication and routing of the recordings API with the sample events. Storage is down here: a request
 * that gets past the token sees 503, which proves it got past; one that is refused never touches storage.
 */
class RecordingsApiHandlerTest {

    final RecordingsApiHandler handler = new RecordingsApiHandler(new BearerToken("sample-recordings-token-0123456789"),
            new RecordingRecords(table()), new CallRecords(table()), S3Clients.presigner(UnreachableAws.settings()),
            S3Clients.create(UnreachableAws.settings(), Duration.ofMillis(300)), "recordings", Duration.ofMinutes(10),
            ZoneId.of("America/New_York"), Clock.systemUTC());

    static Table table() {
        return new Table(DynamoDbClients.create(UnreachableAws.settings(), Duration.ofMillis(300)), "t");
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
    }

    @Test
    void theRightTokenGetsThrough() {
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
