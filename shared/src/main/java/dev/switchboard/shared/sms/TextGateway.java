package dev.switchboard.shared.sms;

import java.time.Instant;
import java.util.Optional;

/** The Messages API, seen as what the texting rules need from it. */
public interface TextGateway {

    /** Sends once; never retries by itself. */
    SendAttempt send(OutgoingText text);

    /**
     * The SID of a message with this body already sent to {@code to} since {@code since}, if any: the
     * check before resending a text whose first attempt was ambiguous.
     */
    Optional<String> findRecent(OutgoingText text, Instant since);
}
