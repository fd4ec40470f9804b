package dev.switchboard.crm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void theSignatureIsHexHmacSha256OfTheBodyPrefixedWithTheAlgorithm() {
        // The well-known HMAC-SHA256 example (key "key").
        WebhookSigner signer = new WebhookSigner("key");
        byte[] body = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
        assertThat(signer.sign(body)).isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
        assertThat(signer.verifies(body, "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")).isTrue();
    }

    @Test
    void anyChangeToTheBodyOrTheSecretFailsTheCheck() {
        byte[] body = "{\"event\":\"lead.created\"}".getBytes(StandardCharsets.UTF_8);
        String header = new WebhookSigner("s3cret").sign(body);
        assertThat(new WebhookSigner("s3cret").verifies(body, header)).isTrue();
        assertThat(new WebhookSigner("s3cret!").verifies(body, header)).isFalse();
        assertThat(new WebhookSigner("s3cret").verifies("{\"event\":\"lead.created\" }".getBytes(StandardCharsets.UTF_8),
                header)).isFalse();
        assertThat(new WebhookSigner("s3cret").verifies(body, null)).isFalse();
        assertThat(new WebhookSigner("s3cret").toString()).doesNotContain("s3cret");
    }
}
