package dev.switchboard.quote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.config.Env;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.testing.EditableParameterStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The quote function as Lambda wires it, with SSM as a store the test edits (no AWS call is made). */
class QuoteWiringTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T20:00:00Z"), ZoneOffset.UTC);

    static String table(String oilChange) {
        return "{\"services\": {\"oil change\": {\"label\": \"Oil change\", \"base\": \"" + oilChange + "\"}}}";
    }

    static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("PUBLIC_BASE_URL", "https://phone.example.com");
        env.put("TABLE_NAME", "table");
        env.put("CRM_QUEUE_URL", "http://127.0.0.1:9/000000000000/CrmQueue");
        env.put("SMS_QUEUE_URL", "http://127.0.0.1:9/000000000000/SmsQueue");
        env.put("TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000");
        env.put("TWILIO_AUTH_TOKEN", "token");
        env.put("PRICE_TABLE_PARAMETER", "/sb/price-table");
        return env;
    }

    @Test
    void aPriceEditedInSsmIsQuotedByTheRunningFunction() {
        EditableParameterStore ssm = new EditableParameterStore().put("/sb/price-table", table("65.00"));
        QuoteHandler.Wiring wiring = QuoteHandler.Wiring.from(new Settings(Env.of(environment()), ssm), CLOCK);
        QuoteForm form = QuoteForm.of(Map.of(QuoteForm.NAME, "Jo", QuoteForm.PHONE, "+19045550123",
                QuoteForm.SERVICE, "oil change"));
        assertThat(wiring.intake.evaluate(form).estimate().orElseThrow().amountText()).contains("65.00");

        ssm.put("/sb/price-table", table("72.50"));

        assertThat(wiring.intake.evaluate(form).estimate().orElseThrow().amountText()).contains("72.50");
    }
}
