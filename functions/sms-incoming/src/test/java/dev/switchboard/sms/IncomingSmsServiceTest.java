package dev.switchboard.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.sms.InboundMessage;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of an incoming text (customer alerts, keywords, the staff relay), with everything in memory. */
class IncomingSmsServiceTest {

    static final String CUSTOMER = "+19045550123";
    static final String OTHER_CUSTOMER = "+19045550124";
    static final String STAFF = "+19045550177";
    static final String LINE = "+19045550200";
    static final String QUIET_LINE = "+19045550300";
    static final Instant NOW = Instant.parse("2026-11-22T20:00:00Z");

    final Lines lines = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", STAFF,
            "LINES", "{\"" + LINE + "\": {\"forwardTo\": \"" + STAFF + "\"}, \"" + QUIET_LINE + "\": {}}")));
    final Map<String, InboundMessage> stored = new HashMap<>();
    final Map<String, String> optedOut = new HashMap<>();
    final List<OutgoingText> sent = new ArrayList<>();
    final Set<String> sentKeys = new HashSet<>();
    final List<AlertJob> alerts = new ArrayList<>();
    final Map<String, String> tags = new HashMap<>();
    final Map<String, String> lastAlerted = new HashMap<>();
    boolean alertQueueDown;

    final IncomingSmsStore store = new IncomingSmsStore() {
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
    };

    final RelayStore relayStore = new RelayStore() {
        @Override
        public Optional<String> customerForTag(String line, String tag) {
            return Optional.ofNullable(tags.get(line + "#" + tag));
        }

        @Override
        public Optional<String> lastAlerted(String staff, String line, Instant now) {
            return Optional.ofNullable(lastAlerted.get(staff + "#" + line));
        }
    };

    /** The pipeline's rules that matter here: once per key, opt-outs. */
    SendResult send(OutgoingText text) {
        if (optedOut.containsKey(text.to())) {
            return new SendResult(SendResult.Status.OPTED_OUT, Optional.empty(), "recipient opted out");
        }
        if (!sentKeys.add(text.key())) {
            return new SendResult(SendResult.Status.DUPLICATE, Optional.of("SMold"), "sent");
        }
        sent.add(text);
        return new SendResult(SendResult.Status.SENT, Optional.of("SM" + sent.size()), "queued");
    }

    final IncomingSmsService service = new IncomingSmsService(lines, store, this::send,
            "https://example.com/twilio/sms/status", Clock.fixed(NOW, ZoneOffset.UTC), STAFF::equals, relayStore,
            job -> {
                if (alertQueueDown) {
                    throw new IllegalStateException("queue unreachable");
                }
                alerts.add(job);
            });

    static IncomingText from(String sid, String from, String to, String body, String... more) {
        StringBuilder form = new StringBuilder("MessageSid=" + sid + "&From=" + from.replace("+", "%2B") + "&To="
                + to.replace("+", "%2B") + "&Body=" + java.net.URLEncoder.encode(body, java.nio.charset.StandardCharsets.UTF_8));
        for (String extra : more) {
            form.append('&').append(extra);
        }
        return IncomingText.parse(FormParameters.parse(form.toString()));
    }

    static IncomingText text(String sid, String to, String body, String... more) {
        return from(sid, CUSTOMER, to, body, more);
    }

    @Test
    void aCustomersTextIsStoredOnceAndAlertedOnce() {
        IncomingText message = text("SM1", LINE, "my brakes squeal", "NumMedia=1", "MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fm");
        assertThat(service.received(message)).isEqualTo(new IncomingSmsService.Reply.Nothing());
        assertThat(service.received(message)).isEqualTo(new IncomingSmsService.Reply.Nothing());
        assertThat(stored.get("SM1")).satisfies(m -> {
            assertThat(m.keyword()).isEqualTo("none");
            assertThat(m.line()).contains(LINE);
            assertThat(m.mediaUrls()).containsExactly("https://api.twilio.com/m");
        });
        assertThat(alerts).singleElement().isInstanceOfSatisfying(AlertJob.Text.class, alert -> {
            assertThat(alert.messageSid()).isEqualTo("SM1");
            assertThat(alert.customer()).isEqualTo(CUSTOMER);
            assertThat(alert.line()).isEqualTo(LINE);
            assertThat(alert.body()).isEqualTo("my brakes squeal");
            assertThat(alert.mediaCount()).isEqualTo(1);
            assertThat(alert.occurredAt()).isEqualTo(NOW.toString());
        });
        assertThat(sent).isEmpty();
    }

    @Test
    void whenTheAlertQueueIsDownTheTextIsForwardedToTheOwnerAtOnce() {
        alertQueueDown = true;
        service.received(text("SM1", LINE, "my brakes squeal"));
        assertThat(sent).singleElement().satisfies(forward -> {
            assertThat(forward.key()).isEqualTo("forward:SM1");
            assertThat(forward.kind()).isEqualTo(IncomingSmsService.FORWARD_KIND);
            assertThat(forward.to()).isEqualTo(STAFF);
            assertThat(forward.from()).contains(LINE);
            assertThat(forward.body()).startsWith("From " + CUSTOMER + ": my brakes squeal");
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
        assertThat(alerts).isEmpty();
    }

    @Test
    void twiliosAdvancedOptOutClassificationWins() {
        service.received(text("SM4", LINE, "please remove me", "OptOutType=STOP"));
        assertThat(optedOut).containsKey(CUSTOMER);
        assertThat(alerts).isEmpty();
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
    void aTextFromTheBusinesssOwnNumberIsNotAlerted() {
        service.received(from("SM6", LINE, QUIET_LINE, "hello"));
        assertThat(alerts).isEmpty();
        assertThat(sent).isEmpty();
    }

    // ------------------------------------------------------------------ the staff relay

    @Test
    void staffReplyWithATagGoesToThatCustomerFromTheLineOnce() {
        tags.put(LINE + "#K7", CUSTOMER);
        IncomingText reply = from("SM10", STAFF, LINE, "#k7 On my way, 20 minutes");
        assertThat(service.received(reply)).isEqualTo(new IncomingSmsService.Reply.Nothing());
        service.received(reply);
        assertThat(sent).singleElement().satisfies(relayed -> {
            assertThat(relayed.key()).isEqualTo("relay:SM10");
            assertThat(relayed.kind()).isEqualTo(StaffRelay.RELAY_KIND);
            assertThat(relayed.to()).isEqualTo(CUSTOMER);
            assertThat(relayed.from()).contains(LINE);
            assertThat(relayed.body()).isEqualTo("On my way, 20 minutes");
            assertThat(relayed.sentBy()).contains(STAFF);
        });
        assertThat(alerts).as("staff are not customers").isEmpty();
    }

    @Test
    void aTaglessReplyGoesToTheLastAlertedCustomer() {
        lastAlerted.put(STAFF + "#" + LINE, OTHER_CUSTOMER);
        service.received(from("SM11", STAFF, LINE, "Yes, Tuesday works"));
        assertThat(sent).singleElement().satisfies(relayed -> {
            assertThat(relayed.to()).isEqualTo(OTHER_CUSTOMER);
            assertThat(relayed.body()).isEqualTo("Yes, Tuesday works");
        });
    }

    @Test
    void aTaglessReplyWithNoRecentAlertGetsOneHelpTextBack() {
        IncomingText reply = from("SM12", STAFF, LINE, "Yes, Tuesday works");
        service.received(reply);
        service.received(reply);
        assertThat(sent).singleElement().satisfies(notice -> {
            assertThat(notice.to()).isEqualTo(STAFF);
            assertThat(notice.from()).contains(LINE);
            assertThat(notice.body()).contains("Start with #tag to reply to a customer");
        });
    }

    @Test
    void anUnknownTagSendsNothingToAnybodyButOneNotice() {
        tags.put(LINE + "#K7", CUSTOMER);
        service.received(from("SM13", STAFF, LINE, "#Z9 hello"));
        service.received(from("SM14", STAFF, LINE, "#1 hello"));
        assertThat(sent).extracting(OutgoingText::to).containsExactly(STAFF, STAFF);
        assertThat(sent.get(0).body()).contains("#Z9").contains("Start with #tag");
    }

    @Test
    void aReplyToAnOptedOutCustomerIsNotSentAndStaffAreTold() {
        tags.put(LINE + "#K7", CUSTOMER);
        optedOut.put(CUSTOMER, "sms-stop");
        service.received(from("SM15", STAFF, LINE, "#K7 hello"));
        assertThat(sent).singleElement().satisfies(notice -> {
            assertThat(notice.to()).isEqualTo(STAFF);
            assertThat(notice.body()).contains("+1 904-555-0123").contains("opted out");
        });
    }

    @Test
    void aReplyOver1600CharactersIsNotSent() {
        tags.put(LINE + "#K7", CUSTOMER);
        service.received(from("SM16", STAFF, LINE, "#K7 " + "a".repeat(1601)));
        assertThat(sent).singleElement().satisfies(notice -> {
            assertThat(notice.to()).isEqualTo(STAFF);
            assertThat(notice.body()).contains("Too long");
        });
    }

    @Test
    void helpFromStaffListsTheCommands() {
        assertThat(service.received(from("SM17", STAFF, LINE, "help")))
                .isInstanceOfSatisfying(IncomingSmsService.Reply.Text.class,
                        reply -> assertThat(reply.body()).contains("#tag"));
        assertThat(sent).isEmpty();
    }

    @Test
    void stopFromStaffWorksAsForAnybody() {
        service.received(from("SM18", STAFF, LINE, "STOP"));
        assertThat(optedOut).containsKey(STAFF);
        assertThat(sent).isEmpty();
    }
}
