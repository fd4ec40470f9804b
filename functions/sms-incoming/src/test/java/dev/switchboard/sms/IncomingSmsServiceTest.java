package dev.switchboard.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.sms.InboundMessage;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of an incoming text, with the table and the texts in memory. */
class IncomingSmsServiceTest {

    static final String CUSTOMER = "+19045550123";
    static final String LINE = "+19045550200";
    static final String QUIET_LINE = "+19045550300";

    final Lines lines = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177",
            "LINES", "{\"" + LINE + "\": {\"forwardTo\": \"+19045550177\"}, \"" + QUIET_LINE + "\": {}}")));
    final Map<String, InboundMessage> stored = new HashMap<>();
    final Map<String, String> optedOut = new HashMap<>();
    final List<OutgoingText> sent = new ArrayList<>();

    final IncomingSmsService service = new IncomingSmsService(lines, new IncomingSmsStore() {
        @Override
        public boolean recordFirst(InboundMessage message, Instant now) {
            return stored.putIfAbsent(message.messageSid(), message) == null;
        }

        @Override
        public void optOut(String phone, String source, Instant now) {
            optedOut.put(phone, source);
        }

        @Override
        public void optIn(String phone, String source, Instant now) {
            optedOut.remove(phone);
        }
    }, text -> {
        sent.add(text);
        return new SendResult(SendResult.Status.SENT, Optional.of("SM1"), "queued");
    }, "https://example.com/twilio/sms/status", Clock.fixed(Instant.parse("2026-11-22T20:00:00Z"), ZoneOffset.UTC));

    static IncomingText text(String sid, String to, String body, String... more) {
        StringBuilder form = new StringBuilder("MessageSid=" + sid + "&From=%2B19045550123&To=" + to.replace("+", "%2B")
                + "&Body=" + body.replace(" ", "+"));
        for (String extra : more) {
            form.append('&').append(extra);
        }
        return IncomingText.parse(FormParameters.parse(form.toString()));
    }

    @Test
    void aMessageIsStoredOnceAndForwardedOnceFromTheNumberTheCustomerTexted() {
        IncomingText message = text("SM1", LINE, "my brakes squeal", "NumMedia=1", "MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fm");
        assertThat(service.received(message)).isEqualTo(new IncomingSmsService.Reply.Nothing());
        assertThat(service.received(message)).isEqualTo(new IncomingSmsService.Reply.Nothing());
        assertThat(stored.get("SM1")).satisfies(m -> {
            assertThat(m.keyword()).isEqualTo("none");
            assertThat(m.line()).contains(LINE);
            assertThat(m.mediaUrls()).containsExactly("https://api.twilio.com/m");
        });
        assertThat(sent).singleElement().satisfies(forward -> {
            assertThat(forward.key()).isEqualTo("forward:SM1");
            assertThat(forward.kind()).isEqualTo(IncomingSmsService.FORWARD_KIND);
            assertThat(forward.to()).isEqualTo("+19045550177");
            assertThat(forward.from()).contains(LINE);
            assertThat(forward.body()).startsWith("From " + CUSTOMER + ": my brakes squeal");
            assertThat(forward.statusCallback()).isEqualTo("https://example.com/twilio/sms/status");
        });
    }

    @Test
    void stopAndStartChangeTheOptOutOnlyOnTheFirstDelivery() {
        assertThat(service.received(text("SM2", LINE, "STOP"))).isEqualTo(new IncomingSmsService.Reply.Nothing());
        assertThat(optedOut).containsEntry(CUSTOMER, "sms-stop");
        service.received(text("SM3", LINE, "start"));
        assertThat(optedOut).isEmpty();
        service.received(text("SM2", LINE, "STOP"));
        assertThat(optedOut).isEmpty();
        assertThat(sent).isEmpty();
    }

    @Test
    void twiliosAdvancedOptOutClassificationWins() {
        service.received(text("SM4", LINE, "please remove me", "OptOutType=STOP"));
        assertThat(optedOut).containsKey(CUSTOMER);
        assertThat(sent).isEmpty();
    }

    @Test
    void helpIsAnsweredWithTheLinesHelpTextEveryTime() {
        IncomingSmsService.Reply first = service.received(text("SM5", LINE, "HELP"));
        assertThat(first).isInstanceOfSatisfying(IncomingSmsService.Reply.Text.class,
                reply -> assertThat(reply.body()).contains("Reply STOP to opt out"));
        assertThat(service.received(text("SM5", LINE, "HELP"))).isEqualTo(first);
        assertThat(sent).isEmpty();
    }

    @Test
    void aLineWithoutAnOwnerNumberStoresTheMessageWithoutForwarding() {
        Lines noOwner = Lines.load(Settings.of(Map.of()));
        new IncomingSmsService(noOwner, new IncomingSmsStore() {
            @Override
            public boolean recordFirst(InboundMessage message, Instant now) {
                return true;
            }

            @Override
            public void optOut(String phone, String source, Instant now) {
            }

            @Override
            public void optIn(String phone, String source, Instant now) {
            }
        }, text -> {
            sent.add(text);
            return null;
        }, "https://example.com/s", Clock.systemUTC()).received(text("SM6", QUIET_LINE, "hello"));
        assertThat(sent).isEmpty();
    }
}
