package dev.switchboard.quote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.config.Env;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.testing.EditableParameterStore;
import dev.switchboard.shared.testing.UnreachableAws;
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
        Map<String, String> env = new HashMap<>(UnreachableAws.environment());
        env.putAll(Map.of("PUBLIC_BASE_URL", "https://phone.example.com", "TABLE_NAME", "table",
                "CRM_QUEUE_URL", "http://127.0.0.1:9/000000000000/CrmQueue",
                "ALERT_QUEUE_URL", "http://127.0.0.1:9/000000000000/AlertQueue",
                "SMS_QUEUE_URL", "http://127.0.0.1:9/000000000000/SmsQueue",
                "TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000", "TWILIO_AUTH_TOKEN", "token",
                "PRICE_TABLE_PARAMETER", "/sb/price-table"));
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
