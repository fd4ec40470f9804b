package dev.switchboard.shared.sms;

import java.util.List;
import java.util.Optional;

/**
 * One text a customer sent to a business number, as Twilio posted it to {@code /twilio/sms}.
 *
 * @param line    the business line it came in on, when it is one of {@code LINES}
 * @param keyword what it asks for: {@code opt_out}, {@code opt_in}, {@code help} or {@code none}
 */
public record InboundMessage(String messageSid, String from, String to, String body, int mediaCount,
                             List<String> mediaUrls, Optional<String> line, String keyword) {
}
