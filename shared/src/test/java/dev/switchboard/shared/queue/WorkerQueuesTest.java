package dev.switchboard.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerQueuesTest {

    static Map<String, String> env(String maxReceiveCount) {
        Map<String, String> env = new HashMap<>(Map.of("QUEUE_URL", "http://q/1/CrmQueue", "DEAD_LETTER_QUEUE_URL", "http://q/1/Dlq"));
        if (maxReceiveCount != null) {
            env.put("QUEUE_MAX_RECEIVE_COUNT", maxReceiveCount);
        }
        return env;
    }

    static WorkerQueues queues(String maxReceiveCount) {
        return WorkerQueues.fromSettings(Settings.of(env(maxReceiveCount)), null, Duration.ofSeconds(60), Duration.ofHours(1));
    }

    @Test
    void theQueuesMaxReceiveCountComesFromTheTemplate() {
        assertThat(queues("8").maxReceiveCount()).isEqualTo(8);
        assertThat(queues(null).maxReceiveCount()).isZero();
        assertThatThrownBy(() -> queues("many")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("QUEUE_MAX_RECEIVE_COUNT must be a whole number");
    }
}
