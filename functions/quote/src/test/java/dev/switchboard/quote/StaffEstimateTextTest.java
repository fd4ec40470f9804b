package dev.switchboard.quote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.pricing.Estimate;
import dev.switchboard.shared.pricing.PriceTable;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The estimate text of a staff member trying the form: sent although the owner's phone is one of the line's
 * numbers ({@code forwardTo}), under its own kind so it stays out of the customer conversations.
 */
class StaffEstimateTextTest {

    static final String LINE = "+19045550200";
    static final String OWNER = "+19045550177";

    final List<OutgoingText> sent = new ArrayList<>();
    final Lines lines = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", OWNER, "TWILIO_SMS_FROM", LINE)));
    final OutboundEstimateTexter texter = new OutboundEstimateTexter(text -> {
        sent.add(text);
        return new SendResult(SendResult.Status.SENT, Optional.of("SM1"), "queued");
    }, lines.fallback(), Optional.empty(), new EstimateText(EstimateText.DEFAULT_PRICED, EstimateText.DEFAULT_UNPRICED,
            PriceTable::defaults), "https://x/twilio/sms/status", lines::isBusinessNumber, Set.of(OWNER)::contains);

    static Lead lead(String phone) {
        ValidQuote quote = new ValidQuote("Mike", phone, Optional.empty(), "oil change", Optional.of(2018),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true);
        Estimate estimate = PriceTable.defaults().estimate("oil change", 2018, null, Year.of(2026));
        return new Lead("L1", Instant.parse("2026-11-22T20:00:00Z"), quote, estimate);
    }

    @Test
    void theOwnerTryingTheFormIsTextedUnderTheStaffKind() {
        assertThat(texter.text(lead(OWNER)).sent()).isTrue();
        assertThat(sent).singleElement().satisfies(text -> {
            assertThat(text.to()).isEqualTo(OWNER);
            assertThat(text.kind()).isEqualTo(OutboundEstimateTexter.STAFF_KIND);
            assertThat(text.from()).contains(LINE);
        });
    }

    @Test
    void theLineItselfIsNeverTextedAndACustomerIsTextedAsBefore() {
        assertThat(texter.text(lead(LINE)).sent()).isFalse();
        assertThat(texter.text(lead("+19045550123")).sent()).isTrue();
        assertThat(sent).singleElement().satisfies(text -> assertThat(text.kind()).isEqualTo(OutboundEstimateTexter.KIND));
    }
}
