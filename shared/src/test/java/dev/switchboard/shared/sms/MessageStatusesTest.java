package dev.switchboard.shared.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageStatusesTest {

    @Test
    void statusesRankInTheOrderTwilioMovesThrough() {
        String[] order = {"accepted", "queued", "sending", "sent", "delivered", "read"};
        for (int i = 1; i < order.length; i++) {
            assertThat(MessageStatuses.rank(order[i])).as(order[i]).isGreaterThan(MessageStatuses.rank(order[i - 1]));
        }
    }

    @Test
    void aLateSentNeverOutranksAFinalStatus() {
        for (String last : new String[] {"delivered", "undelivered", "failed", "canceled"}) {
            assertThat(MessageStatuses.rank("sent")).isLessThan(MessageStatuses.rank(last));
            assertThat(MessageStatuses.isFinal(last)).isTrue();
        }
        assertThat(MessageStatuses.rank("undelivered")).isEqualTo(MessageStatuses.rank("delivered"));
    }

    @Test
    void unknownStatusesRankLowestAndCaseDoesNotMatter() {
        assertThat(MessageStatuses.rank("something-new")).isZero();
        assertThat(MessageStatuses.rank(null)).isZero();
        assertThat(MessageStatuses.rank("Delivered")).isEqualTo(MessageStatuses.rank("delivered"));
        assertThat(MessageStatuses.isFailure("undelivered")).isTrue();
        assertThat(MessageStatuses.isFailure("delivered")).isFalse();
    }
}
