package dev.switchboard.sms;

import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A text to one of the business's numbers, read from Twilio's webhook: a missing {@code MessageSid},
 * {@code From} or {@code To} is a 400.
 *
 * @param optOutType Twilio's {@code OptOutType} (STOP, START, HELP) when Advanced Opt-Out classified the text
 * @param mediaUrls  the first {@value #MAX_MEDIA} of the {@code MediaUrlN} parameters
 */
public record IncomingText(String messageSid, String from, String to, String body, int mediaCount,
                           List<String> mediaUrls, Optional<String> optOutType) {

    static final int MAX_MEDIA = 10;

    public static IncomingText parse(FormParameters params) {
        String sid = params.first("MessageSid").or(() -> params.first("SmsSid"))
                .orElseThrow(() -> HttpProblem.badRequest("Missing MessageSid"));
        String from = params.required("From");
        String to = params.required("To");
        String body = params.all("Body").isEmpty() ? "" : params.all("Body").get(0);
        int mediaCount = mediaCount(params);
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < Math.min(mediaCount, MAX_MEDIA); i++) {
            params.first("MediaUrl" + i).ifPresent(urls::add);
        }
        return new IncomingText(sid, from, to, body, mediaCount, List.copyOf(urls), params.first("OptOutType"));
    }

    private static int mediaCount(FormParameters params) {
        try {
            return Math.max(0, Integer.parseInt(params.first("NumMedia").orElse("0")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
