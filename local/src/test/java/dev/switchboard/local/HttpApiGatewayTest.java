package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpApiGatewayTest {

    @Test
    void textContentTypesArePassedAsTextOthersBase64() {
        assertThat(HttpApiGateway.isTextContent("application/json; charset=utf-8")).isTrue();
        assertThat(HttpApiGateway.isTextContent("text/xml")).isTrue();
        assertThat(HttpApiGateway.isTextContent("application/xml")).isTrue();
        assertThat(HttpApiGateway.isTextContent("application/javascript")).isTrue();
        assertThat(HttpApiGateway.isTextContent("application/x-www-form-urlencoded")).isFalse();
        assertThat(HttpApiGateway.isTextContent("audio/mpeg")).isFalse();
        assertThat(HttpApiGateway.isTextContent(null)).isFalse();
    }

    @Test
    void queryParametersAreDecodedAndRepeatsJoined() {
        assertThat(HttpApiGateway.queryParameters("a=1&b=%2B2&a=3&flag")).containsEntry("a", "1,3")
                .containsEntry("b", "+2").containsEntry("flag", "");
        assertThat(HttpApiGateway.queryParameters("")).isNull();
        assertThat(HttpApiGateway.queryParameters(null)).isNull();
    }

    @Test
    void requestIdsLookLikeApiGateways() {
        assertThat(HttpApiGateway.newRequestId()).matches("[A-Za-z0-9+/]{14}==");
    }
}
