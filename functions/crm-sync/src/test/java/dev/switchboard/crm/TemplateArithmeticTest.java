package dev.switchboard.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.queue.Backoff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The numbers in template.yaml that docs/crm.md promises: a CRM outage of a day loses nothing (the
 * retries outlast it before the DLQ), a hanging CRM never times a whole batch out, and a job's hold on a
 * lead outlives the function.
 */
class TemplateArithmeticTest {

    static final Path TEMPLATE = Path.of("../../template.yaml");

    @Test
    void retriesThroughTheQueueOutlastADayLongOutageEvenWithTheShortestJitter() throws IOException {
        String queue = block("CrmQueue");
        String function = block("CrmSyncFunction");
        int maxReceiveCount = (int) number(queue, "maxReceiveCount: (\\d+)");
        long base = number(function, "RETRY_BASE_SECONDS: '(\\d+)'");
        long max = number(function, "RETRY_MAX_SECONDS: '(\\d+)'");
        long retention = number(queue, "MessageRetentionPeriod: (\\d+)");

        Backoff backoff = new Backoff(Duration.ofSeconds(base), Duration.ofSeconds(max));
        long shortest = 0;
        long expected = 0;
        for (int attempt = 1; attempt <= maxReceiveCount; attempt++) {
            long raw = Math.min(max, base << Math.min(attempt - 1, 20));
            long jitter = raw <= 1 ? 0 : Math.round(raw * 0.2);
            long lowest = raw - jitter;
            long highest = Math.min(max, raw + jitter);
            for (int sample = 0; sample < 200; sample++) {
                assertThat(backoff.delayFor(attempt).getSeconds()).isBetween(lowest, highest);
            }
            shortest += lowest;
            expected += raw;
        }
        // After the last receive fails, its delay runs out and SQS moves the job to the DLQ.
        assertThat(Duration.ofSeconds(shortest)).isGreaterThan(Duration.ofHours(24));
        assertThat(shortest).isEqualTo(98_640L);    // 27.4 h, the figure docs/crm.md quotes
        assertThat(expected).isEqualTo(123_300L);   // 34.25 h without jitter
        assertThat(Duration.ofSeconds(max)).isEqualTo(CrmWiring.DEFAULT_RETRY_MAX);
        assertThat(Duration.ofSeconds(retention)).isEqualTo(Duration.ofDays(14));
        assertThat(number(block("CrmDeadLetterQueue"), "MessageRetentionPeriod: (\\d+)")).isEqualTo(1_209_600L);
    }

    @Test
    void aHangingCrmNeverTimesABatchOutAndAHoldOutlivesTheFunction() throws IOException {
        String function = block("CrmSyncFunction");
        long timeout = number(function, "\\n      Timeout: (\\d+)");
        long batchSize = number(function, "BatchSize: (\\d+)");
        long crmTimeout = number(function, "CRM_TIMEOUT_SECONDS: '(\\d+)'");
        assertThat(crmTimeout).isLessThanOrEqualTo(CrmWiring.MAX_CRM_TIMEOUT.getSeconds());
        // Each job makes at most two CRM calls (search + insert, or search + update).
        assertThat(batchSize * 2 * CrmWiring.MAX_CRM_TIMEOUT.getSeconds()).isLessThan(timeout);
        assertThat(LeadSynchronizer.LEASE.getSeconds()).isGreaterThan(timeout);
        assertThat(number(block("CrmQueue"), "VisibilityTimeout: (\\d+)")).isGreaterThanOrEqualTo(6 * timeout);
        assertThat(function).contains("FunctionResponseTypes: [ReportBatchItemFailures]");
    }

    /** The lines of one resource, from its logical id to the next resource. */
    static String block(String logicalId) throws IOException {
        String template = Files.readString(TEMPLATE);
        Matcher start = Pattern.compile("(?m)^  " + logicalId + ":\\s*$").matcher(template);
        assertThat(start.find()).as(logicalId + " in template.yaml").isTrue();
        Matcher next = Pattern.compile("(?m)^  \\S").matcher(template);
        int end = next.find(start.end()) ? next.start() : template.length();
        return template.substring(start.start(), end);
    }

    static long number(String block, String regex) {
        Matcher m = Pattern.compile(regex).matcher(block);
        assertThat(m.find()).as(regex).isTrue();
        return Long.parseLong(m.group(1));
    }
}
