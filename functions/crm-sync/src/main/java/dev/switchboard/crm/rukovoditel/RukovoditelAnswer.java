package dev.switchboard.crm.rukovoditel;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/** What an answer from {@code api/rest.php} means for the job. */
public sealed interface RukovoditelAnswer {

    /** {@code {"status":"success","data":...}}. */
    record Success(JsonNode data) implements RukovoditelAnswer {
    }

    /**
     * Worth trying again later: a timeout, a 5xx, a 429, or an answer that leaves open whether the write
     * happened.
     */
    record Transient(String problem, Optional<Duration> retryAfter) implements RukovoditelAnswer {
    }

    /** Will fail the same way until someone changes something: {@code fix} says what. */
    record Refused(String problem, String fix) implements RukovoditelAnswer {
    }
}
