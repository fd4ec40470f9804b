package dev.switchboard.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuoteFormReaderTest {

    static HttpRequest post(String contentType, String body) {
        return new HttpRequest("POST", "/quote", "", contentType == null ? Map.of() : Map.of("Content-Type", contentType),
                body.getBytes(StandardCharsets.UTF_8), "203.0.113.10", Map.of());
    }

    @Test
    void readsJsonNumbersAndBooleansAsText() {
        QuoteForm form = QuoteFormReader.read(post("application/json; charset=utf-8",
                "{\"name\":\"John\",\"year\":2018,\"text_opt_in\":true,\"email\":null,\"extra\":\"ignored\"}"));
        assertThat(form.text("name")).contains("John");
        assertThat(form.text("year")).contains("2018");
        assertThat(form.text("text_opt_in")).contains("true");
        assertThat(form.text("email")).isEmpty();
        assertThat(form.text("extra")).isEmpty();
    }

    @Test
    void arraysAndObjectsAreReportedPerField() {
        QuoteForm form = QuoteFormReader.read(post("application/json", "{\"name\":[\"a\"],\"make\":{\"x\":1}}"));
        assertThat(form.notText()).containsOnlyKeys("name", "make");
    }

    @Test
    void readsAnUrlencodedFormTakingTheFirstOfRepeatedFields() {
        QuoteForm form = QuoteFormReader.read(post("application/x-www-form-urlencoded",
                "name=Jane+Roe&phone=%28904%29+555-0123&text_opt_in=on&name=Other"));
        assertThat(form.text("name")).contains("Jane Roe");
        assertThat(form.text("phone")).contains("(904) 555-0123");
        assertThat(form.text("text_opt_in")).contains("on");
    }

    @Test
    void malformedJsonAndNonObjectsAre400() {
        for (String body : new String[] {"{\"name\":", "", "[1,2]", "\"text\"", "{\"a\":1} {\"b\":2}", "nul"}) {
            assertThatThrownBy(() -> QuoteFormReader.read(post("application/json", body))).as(body)
                    .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(400));
        }
    }

    @Test
    void otherContentTypesAre415() {
        for (String type : new String[] {"text/plain", "multipart/form-data; boundary=x", "application/xml", null}) {
            assertThatThrownBy(() -> QuoteFormReader.read(post(type, "name=x"))).as(String.valueOf(type))
                    .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(415));
        }
    }

    @Test
    void aBrokenPercentEscapeIs400() {
        assertThatThrownBy(() -> QuoteFormReader.read(post("application/x-www-form-urlencoded", "name=%ZZ")))
                .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(400));
    }
}
