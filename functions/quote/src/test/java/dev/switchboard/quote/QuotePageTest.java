package dev.switchboard.quote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.testing.TwilioEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuotePageTest {

    final QuotePage page = QuotePage.load(Set.of("https://www.example.com"));

    @Test
    void theCspAllowsExactlyThePagesOwnInlineScriptAndStyles() throws Exception {
        String html = page.html();
        String script = html.substring(html.indexOf("<script>") + "<script>".length(), html.indexOf("</script>"));
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.getBytes(StandardCharsets.UTF_8)));
        String csp = page.headers().get("Content-Security-Policy");
        assertThat(csp).contains("script-src 'sha256-" + hash + "';")
                .contains("default-src 'none'").contains("connect-src 'self'")
                .contains("frame-ancestors 'self' https://www.example.com");
        assertThat(csp.split("style-src ")[1].split(";")[0].split(" ")).hasSize(2);
    }

    @Test
    void everyFieldHasAnErrorPlaceAndTheHoneypotIsHidden() {
        String html = page.html();
        for (String field : QuoteForm.FIELDS) {
            assertThat(html).as(field).contains("name=\"" + field + "\"");
            if (!field.equals("website")) {
                assertThat(html).as(field).contains("data-error-for=\"" + field + "\"");
            }
        }
        assertThat(html).contains("<div class=\"sbq-hp\" aria-hidden=\"true\">").contains("tabindex=\"-1\"")
                .contains(".sbq-hp { position: absolute; left: -10000px;");
    }

    @Test
    void theDocumentedSnippetIsThePagesSnippet() throws Exception {
        String doc = Files.readString(TwilioEvents.projectRoot().resolve("docs/quotes-and-sms.md"));
        String snippet = QuotePage.snippet(page.html())
                .replace("data-endpoint=\"\"", "data-endpoint=\"https://YOUR-API.example.com/quote\"");
        assertThat(doc).contains(snippet);
    }
}
