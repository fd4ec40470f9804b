package dev.switchboard.shared.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.json.Json;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * How the jobs on one queue are read from a message body: their type (a record, or a sealed interface
 * whose records are told apart by {@code kind}), and how a job queued in an older shape is brought up to
 * date first, so that what waits in a queue or its DLQ across a deployment is still read.
 *
 * @param upgrade rewrites an older shape into the current one; identity when there is none
 */
public record JobType<J extends Job>(Class<J> type, UnaryOperator<ObjectNode> upgrade) {

    public static <J extends Job> JobType<J> of(Class<J> type) {
        return new JobType<>(type, UnaryOperator.identity());
    }

    public String name() {
        return type.getSimpleName();
    }

    /**
     * Reads one job (not yet validated).
     *
     * @throws IOException when the body is not a JSON object of this type
     */
    public J read(String json) throws IOException {
        JsonNode node = Json.MAPPER.readTree(json);
        if (node == null || !node.isObject()) {
            throw new IOException("not a JSON object");
        }
        J job = Json.MAPPER.treeToValue(upgrade.apply((ObjectNode) node), type);
        if (job == null) {
            throw new IOException("empty job");
        }
        return job;
    }
}
