package dev.switchboard.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.appointments.Appointment;
import dev.switchboard.shared.appointments.Appointments;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.sms.InboundMessage;
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

/** C / YES / Y and R / RESCHEDULE after an appointment text, through IncomingSmsService with fakes. */
class AppointmentRepliesTest {

    static final String CUSTOMER = "+19045550123";
    static final String LINE = "+19045550200";
    static final Instant NOW = Instant.parse("2026-12-10T18:00:00Z");

    final Lines lines = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177", "BUSINESS_NAME", "Shop",
            "LINES", "{\"" + LINE + "\": {\"timeZone\": \"America/New_York\"}}")));
    final Map<String, Appointment> appointments = new HashMap<>();
    final Map<String, String> statuses = new HashMap<>();
    final List<String> notices = new ArrayList<>();
    final Map<String, String> optedOut = new HashMap<>();
    final List<String> forwarded = new ArrayList<>();
    /** Customer texts become owner alerts (issue 16); the owner forward is only the alert queue's fallback. */
    final List<dev.switchboard.shared.jobs.AlertJob> alerted = new ArrayList<>();
    final Map<String, InboundMessage> stored = new HashMap<>();

    final AppointmentReplies replies = new AppointmentReplies(new AppointmentReplies.Store() {
        @Override
        public Optional<Appointment> latestFor(String customer, String line) {
            return appointments.values().stream().filter(a -> a.customer().equals(customer) && a.line().equals(line))
                    .findFirst();
        }

        @Override
        public boolean answer(String id, String status, Instant now) {
            return !status.equals(statuses.put(id, status));
        }
    }, (appointment, answer, sid, now) -> notices.add(appointment.id() + ":" + answer));

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
        forwarded.add(text.body());
        return new SendResult(SendResult.Status.SENT, Optional.of("SM1"), "queued");
    }, "https://example.com/twilio/sms/status", Clock.fixed(NOW, ZoneOffset.UTC), phone -> false, new RelayStore() {
        @Override
        public Optional<String> customerForTag(String line, String tag) {
            return Optional.empty();
        }

        @Override
        public Optional<String> lastAlerted(String staff, String line, Instant now) {
            return Optional.empty();
        }
    }, alerted::add, replies);

    static IncomingText text(String sid, String body) {
        return IncomingText.parse(FormParameters.parse("MessageSid=" + sid + "&From=%2B19045550123&To=%2B19045550200"
                + "&Body=" + body.replace(" ", "+")));
    }

    void book(String at) {
        appointments.put("A-1", new Appointment("A-1", CUSTOMER, LINE, Instant.parse(at), Optional.empty(),
                Appointments.BOOKED, List.of()));
    }

    @Test
    void cConfirmsOnceAndRepliesWithTheTimeInTheLinesZone() {
        book("2026-12-12T15:30:00Z");
        IncomingSmsService.Reply reply = service.received(text("SM01", " c "));
        assertThat(reply).isEqualTo(new IncomingSmsService.Reply.Text(
                "Thanks, you're confirmed for Sat, Dec 12 at 10:30 AM. See you then! - Shop"));
        assertThat(statuses).containsEntry("A-1", "confirmed");
        service.received(text("SM01", "c"));   // Twilio redelivers
        service.received(text("SM02", "Y"));   // and the customer says it again
        assertThat(notices).containsExactly("A-1:CONFIRMED");
        assertThat(forwarded).isEmpty();
    }

    @Test
    void yesConfirmsAndStillOptsBackIn() {
        book("2026-12-12T15:30:00Z");
        optedOut.put(CUSTOMER, "sms-stop");
        assertThat(service.received(text("SM03", "YES"))).isInstanceOf(IncomingSmsService.Reply.Text.class);
        assertThat(optedOut).isEmpty();
        assertThat(notices).containsExactly("A-1:CONFIRMED");
    }

    @Test
    void rAsksForAnotherTime() {
        book("2026-12-12T15:30:00Z");
        IncomingSmsService.Reply reply = service.received(text("SM04", "RESCHEDULE"));
        assertThat(((IncomingSmsService.Reply.Text) reply).body()).contains("We'll call you to find a new time");
        assertThat(statuses).containsEntry("A-1", "reschedule");
        assertThat(notices).containsExactly("A-1:RESCHEDULE");
    }

    @Test
    void withoutALiveAppointmentItIsAnOrdinaryText() {
        assertThat(service.received(text("SM05", "C"))).isEqualTo(new IncomingSmsService.Reply.Nothing());
        assertThat(alerted).singleElement().isInstanceOfSatisfying(dev.switchboard.shared.jobs.AlertJob.Text.class,
                alert -> assertThat(alert.body()).isEqualTo("C"));
        book("2026-12-09T15:30:00Z"); // over more than 12 hours ago
        service.received(text("SM06", "R"));
        assertThat(alerted).hasSize(2);
        assertThat(forwarded).isEmpty();
        assertThat(notices).isEmpty();
        book("2026-12-12T15:30:00Z");
        assertThat(service.received(text("SM07", "STOP"))).isEqualTo(new IncomingSmsService.Reply.Nothing());
        assertThat(optedOut).containsKey(CUSTOMER);
        assertThat(service.received(text("SM08", "C please"))).isEqualTo(new IncomingSmsService.Reply.Nothing());
        assertThat(notices).isEmpty();
    }
}
