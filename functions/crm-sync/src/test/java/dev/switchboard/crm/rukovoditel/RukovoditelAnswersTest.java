package dev.switchboard.crm.rukovoditel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RukovoditelAnswersTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-21T07:26:00Z"), ZoneOffset.UTC);

    final RukovoditelAnswers answers = new RukovoditelAnswers("/switchboard/prod/crm-api-key (CRM_API_KEY_PARAMETER)",
            "/switchboard/prod/crm-password (CRM_PASSWORD_PARAMETER)", 34, CLOCK);

    RukovoditelAnswer json(String body) {
        return answers.classify(200, Optional.of("application/json"), Optional.empty(), body);
    }

    @Test
    void successCarriesTheNewItemsId() {
        RukovoditelAnswer answer = json("{\"status\":\"success\",\"data\":{\"id\":119}}");
        assertThat(answer).isInstanceOf(RukovoditelAnswer.Success.class);
        assertThat(RukovoditelAnswers.insertedId(((RukovoditelAnswer.Success) answer).data())).contains("119");
        assertThat(RukovoditelAnswers.insertedId(node("{\"id\":\"120\"}"))).contains("120");
        assertThat(RukovoditelAnswers.insertedId(node("[{\"id\":121}]"))).contains("121");
        assertThat(RukovoditelAnswers.insertedId(node("[]"))).isEmpty();
        assertThat(RukovoditelAnswers.insertedId(node("{\"id\":0}"))).isEmpty();
        assertThat(RukovoditelAnswers.insertedId(node("{\"id\":\"12; drop\"}"))).isEmpty();
    }

    @Test
    void anApiKeyMismatchNeedsAPersonAndSaysWhichParameterToCheck() {
        RukovoditelAnswer answer = json("{\"status\":\"error\",\"error_code\":\"\",\"error_message\":\"API Key mismatch\"}");
        assertThat(answer).isInstanceOf(RukovoditelAnswer.Refused.class);
        RukovoditelAnswer.Refused refused = (RukovoditelAnswer.Refused) answer;
        assertThat(refused.problem()).isEqualTo("Rukovoditel says 'API Key mismatch'");
        assertThat(refused.fix()).startsWith("check /switchboard/prod/crm-api-key (CRM_API_KEY_PARAMETER)")
                .contains("Extension → Tools → API");
    }

    @Test
    void eachKnownErrorPointsAtItsFix() {
        assertThat(fix("API is not enabled")).startsWith("enable the API in Rukovoditel");
        assertThat(fix("No match for Username and/or Password.")).contains("CRM_USERNAME")
                .contains("/switchboard/prod/crm-password");
        assertThat(fix("Entity #34 does not exist")).contains("CRM_LEAD_ENTITY_ID (34)");
        assertThat(fix("Field #999 does not exist in Entity #34")).contains("CRM_FIELD_MAP");
        assertThat(fix("Access denied")).contains("access to the leads entity 34");
        assertThat(fix("Something new")).contains("docs/crm.md");
        // Other shapes of an error answer are read too.
        assertThat(json("{\"status\":\"error\",\"message\":\"API is not enabled\"}"))
                .isEqualTo(new RukovoditelAnswer.Refused("Rukovoditel says 'API is not enabled'",
                        "enable the API in Rukovoditel: Extension → Tools → API"));
        assertThat(((RukovoditelAnswer.Refused) json("{\"data\":[]}")).problem()).contains("no status");
    }

    @Test
    void anHtmlPageAnsweredWith200IsAFailureNotASuccess() {
        String login = "<!DOCTYPE html><html><head><title>Rukovoditel | Login</title></head><body><form>"
                + "<input name=\"username\"><input type=\"password\" name=\"password\"></form></body></html>";
        RukovoditelAnswer answer = answers.classify(200, Optional.of("text/html; charset=UTF-8"), Optional.empty(), login);
        assertThat(answer).isInstanceOf(RukovoditelAnswer.Refused.class);
        assertThat(((RukovoditelAnswer.Refused) answer).problem()).contains("an HTML page");
        assertThat(((RukovoditelAnswer.Refused) answer).fix()).contains("api/rest.php");

        RukovoditelAnswer text = answers.classify(200, Optional.empty(), Optional.empty(), "OK");
        assertThat(((RukovoditelAnswer.Refused) text).problem()).contains("not JSON");
        assertThat(answers.classify(200, Optional.empty(), Optional.empty(), "")).isInstanceOf(RukovoditelAnswer.Refused.class);
    }

    @Test
    void aPhpNoticePrintedBeforeTheJsonDoesNotHideTheAnswer() {
        String body = "<br />\n<b>Deprecated</b>: Creation of dynamic property in <b>/var/www/crm/api.php</b><br />\n"
                + "{\"status\":\"success\",\"data\":{\"id\":130}}";
        RukovoditelAnswer answer = answers.classify(200, Optional.of("text/html"), Optional.empty(), body);
        assertThat(RukovoditelAnswers.insertedId(((RukovoditelAnswer.Success) answer).data())).contains("130");
    }

    @Test
    void serverTroubleIsWorthRetrying() {
        assertThat(answers.classify(503, Optional.of("text/html"), Optional.empty(), "<h1>Service Unavailable</h1>"))
                .isEqualTo(new RukovoditelAnswer.Transient("HTTP 503", Optional.empty()));
        assertThat(answers.classify(429, Optional.empty(), Optional.of("120"), ""))
                .isEqualTo(new RukovoditelAnswer.Transient("HTTP 429", Optional.of(Duration.ofSeconds(120))));
        // The date form counts from now (shared/http/RetryAfter); one already past asks for no wait.
        assertThat(answers.classify(502, Optional.empty(), Optional.of("Wed, 21 Oct 2026 07:28:00 GMT"), ""))
                .isEqualTo(new RukovoditelAnswer.Transient("HTTP 502", Optional.of(Duration.ofSeconds(120))));
        assertThat(answers.classify(502, Optional.empty(), Optional.of("Wed, 21 Oct 2026 07:00:00 GMT"), ""))
                .isEqualTo(new RukovoditelAnswer.Transient("HTTP 502", Optional.empty()));
        assertThat(answers.classify(503, Optional.empty(), Optional.of("0"), ""))
                .isEqualTo(new RukovoditelAnswer.Transient("HTTP 503", Optional.empty()));
        assertThat(answers.classify(503, Optional.empty(), Optional.of("86400"), ""))
                .isEqualTo(new RukovoditelAnswer.Transient("HTTP 503", Optional.of(Duration.ofHours(12))));
        assertThat(answers.classify(503, Optional.empty(), Optional.of("soon"), ""))
                .isEqualTo(new RukovoditelAnswer.Transient("HTTP 503", Optional.empty()));
        assertThat(answers.classify(408, Optional.empty(), Optional.empty(), "")).isInstanceOf(RukovoditelAnswer.Transient.class);
    }

    @Test
    void otherHttpFailuresNeedAPerson() {
        assertThat(((RukovoditelAnswer.Refused) answers.classify(404, Optional.empty(), Optional.empty(), "")).fix())
                .contains("CRM_API_URL");
        assertThat(((RukovoditelAnswer.Refused) answers.classify(401, Optional.empty(), Optional.empty(), "")).fix())
                .contains("firewall");
        assertThat(((RukovoditelAnswer.Refused) answers.classify(301, Optional.empty(), Optional.empty(), "")).fix())
                .contains("final https address");
        assertThat(answers.classify(400, Optional.empty(), Optional.empty(), "")).isInstanceOf(RukovoditelAnswer.Refused.class);
    }

    String fix(String message) {
        return ((RukovoditelAnswer.Refused) json("{\"status\":\"error\",\"error_message\":\"" + message + "\"}")).fix();
    }

    static JsonNode node(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void withoutTheRukovoditelExtensionApiRestPhpDiesWithAPhpFatal() {
        RukovoditelAnswers answers = new RukovoditelAnswers("CRM_API_KEY", "CRM_PASSWORD", 34, CLOCK);
        RukovoditelAnswer empty500 = answers.classify(500, Optional.of("text/html"), Optional.empty(), "");
        assertThat(empty500).isInstanceOfSatisfying(RukovoditelAnswer.Transient.class,
                t -> assertThat(t.problem()).contains("empty body").contains("Rukovoditel Extension"));
        assertThat(RukovoditelAnswers.extensionMissing(500, "")).isTrue();

        String page = "<br />\n<b>Fatal error</b>:  Uncaught Error: Failed opening required"
                + " 'plugins/ext/classes/api.php' in /var/www/html/api/rest.php:12";
        RukovoditelAnswer shown = answers.classify(200, Optional.of("text/html"), Optional.empty(), page);
        assertThat(shown).isInstanceOfSatisfying(RukovoditelAnswer.Refused.class, r -> {
            assertThat(r.problem()).contains("plugins/ext").contains("Extension is missing");
            assertThat(r.fix()).startsWith("install the Rukovoditel Extension");
        });
        assertThat(RukovoditelAnswers.extensionMissing(200, page)).isTrue();
        // A 500 with a body, or an ordinary page, is not mistaken for it.
        assertThat(RukovoditelAnswers.extensionMissing(500, "<h1>Internal Server Error</h1>")).isFalse();
        assertThat(RukovoditelAnswers.extensionMissing(200, "<html><link href=\"plugins/ext/x.css\">Login</html>")).isFalse();
        assertThat(RukovoditelAnswers.extensionMissing(503, "")).isFalse();
    }

    @Test
    void anUpdateThatAnswersSuccessWithAnEmptyIdUpdatedNothing() throws Exception {
        assertThat(RukovoditelAnswers.updatedNothing(Json.MAPPER.readTree("{\"id\":\"\"}"))).isTrue();
        assertThat(RukovoditelAnswers.updatedNothing(Json.MAPPER.readTree("{\"id\":null}"))).isTrue();
        assertThat(RukovoditelAnswers.updatedNothing(Json.MAPPER.readTree("[{\"id\":0}]"))).isTrue();
        assertThat(RukovoditelAnswers.updatedNothing(Json.MAPPER.readTree("{\"id\":\"119\"}"))).isFalse();
        assertThat(RukovoditelAnswers.updatedNothing(Json.MAPPER.readTree("[]"))).isFalse();
        assertThat(RukovoditelAnswers.updatedNothing(null)).isFalse();
    }
}
