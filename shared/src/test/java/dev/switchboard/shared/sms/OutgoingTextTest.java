package dev.switchboard.shared.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutgoingTextTest {

    @Test
    void theBodyLosesWhatXml10Forbids() {
        OutgoingText text = new OutgoingText("k", "owner-forward", "+19045550177", Optional.of("+19045550200"),
                Optional.empty(), "Hi\u0000 there\uD800\uFFFF \uD83D\uDE97", "https://x/twilio/sms/status");
        assertThat(text.body()).isEqualTo("Hi there \uD83D\uDE97");
    }
}
