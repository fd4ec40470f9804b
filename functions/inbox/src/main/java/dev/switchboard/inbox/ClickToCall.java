package dev.switchboard.inbox;

import dev.switchboard.shared.auth.Principal;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.twilio.Routes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Click-to-call: Twilio's Calls API rings the staff member's own phone from the line's number (so they know
 * it is the business); when they answer, {@code /twilio/voice/outbound} says who they are being connected to
 * and dials the customer with the line as caller ID, recorded like any call. The call then flows through the
 * status, recording, archive and transcription routes like an inbound one, shows as {@code outbound}, and
 * clears the customer's needs-reply.
 */
public final class ClickToCall {

    public sealed interface Outcome {
        record Placed(String callSid) implements Outcome {
        }

        /** The bearer token names no person: {@code staff} is required. */
        record WhoseCallMissing() implements Outcome {
        }

        record NotStaff() implements Outcome {
        }

        record UnknownLine() implements Outcome {
        }

        record Failed(String reason) implements Outcome {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClickToCall.class);

    private final InboxService inbox;
    private final StaffDirectory staff;
    private final CallPlacer placer;
    private final ActivityStore activity;
    private final String publicBaseUrl;
    private final Clock clock;

    public ClickToCall(InboxService inbox, StaffDirectory staff, CallPlacer placer, ActivityStore activity,
                       String publicBaseUrl, Clock clock) {
        this.inbox = inbox;
        this.staff = staff;
        this.placer = placer;
        this.activity = activity;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
    }

    /** {@code POST /api/calls}: {@code to} is E.164; {@code staffParam} only counts for the bearer token. */
    public Outcome call(Principal principal, String to, Optional<String> lineParam, Optional<String> staffParam,
                        Optional<String> name) {
        Optional<String> who = principal.staffPhone().or(() -> staffParam);
        if (who.isEmpty()) {
            return new Outcome.WhoseCallMissing();
        }
        if (!staff.isStaff(who.get())) {
            return new Outcome.NotStaff();
        }
        Optional<Line> line = inbox.line(lineParam, who);
        Optional<String> from = line.flatMap(l -> l.number().or(l::callerId).or(l::smsFrom));
        if (from.isEmpty()) {
            return new Outcome.UnknownLine();
        }
        String twiml = publicBaseUrl + Routes.VOICE_OUTBOUND + "?to=" + enc(to) + "&line=" + enc(from.get())
                + name.filter(n -> !n.isBlank()).map(n -> "&name=" + enc(n.length() > 60 ? n.substring(0, 60) : n)).orElse("");
        String callSid;
        try {
            callSid = placer.place(who.get(), from.get(), twiml, publicBaseUrl + Routes.CALL_STATUS);
        } catch (RuntimeException e) {
            LOG.error("Click-to-call to {} for {} failed: {}", PhoneMask.mask(to), PhoneMask.mask(who.get()),
                    e.getMessage());
            return new Outcome.Failed(e.getMessage());
        }
        LOG.info("Click-to-call {}: ringing {} to connect {}", callSid, PhoneMask.mask(who.get()), PhoneMask.mask(to));
        try {
            activity.callPlaced(callSid, to, from.get(), Optional.of(who.get()), clock.instant());
        } catch (RuntimeException e) {
            LOG.error("Click-to-call {} placed but not recorded in the activity: {}", callSid, e.getMessage());
        }
        return new Outcome.Placed(callSid);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
