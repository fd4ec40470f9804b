package dev.switchboard.shared.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.testing.Emulators;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Reply tags and the last alert against DynamoDB Local. */
class ReplyTagsTest {

    static final Instant T0 = Instant.parse("2026-11-22T20:00:00Z");
    static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000);

    final Table table = Emulators.shared().table();
    final ReplyTags tags = new ReplyTags(table);

    static String phone() {
        return "+1904555" + String.format("%04d", NUMBERS.incrementAndGet() % 10_000);
    }

    static String line() {
        return "+1386555" + String.format("%04d", NUMBERS.incrementAndGet() % 10_000);
    }

    @Test
    void aCustomerKeepsOneTagPerLineAndTheTagNamesThem() {
        String line = line();
        String customer = phone();
        String tag = tags.tagFor(line, customer, T0);
        assertThat(tag).matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{2}");
        assertThat(tags.tagFor(line, customer, T0.plusSeconds(60))).isEqualTo(tag);
        assertThat(tags.customer(line, tag)).contains(customer);
        assertThat(tags.customer(line(), tag)).as("tags are per line").isEmpty();
    }

    @Test
    void tagsAreUpperCase() {
        // About one tag in fifteen is all digits (its lower case is itself), so tag customers on one line
        // until a tag has a letter in it: the test does not depend on which tags the seed gives.
        String line = line();
        String tag = "";
        String customer = "";
        for (int i = 0; i < 40 && tag.equals(tag.toLowerCase(java.util.Locale.ROOT)); i++) {
            customer = phone();
            tag = tags.tagFor(line, customer, T0);
        }
        assertThat(tag).matches(".*[A-Z].*");
        assertThat(tags.customer(line, tag)).contains(customer);
        assertThat(tags.customer(line, tag.toLowerCase(java.util.Locale.ROOT))).isEmpty();
    }

    @Test
    void differentCustomersGetDifferentTags() {
        String line = line();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            assertThat(seen.add(tags.tagFor(line, phone(), T0))).isTrue();
        }
    }

    @Test
    void tagsAreReadFromTheStartOfAStaffText() {
        assertThat(ReplyTags.split("#k7 On my way")).contains(new ReplyTags.Tagged("K7", "On my way"));
        assertThat(ReplyTags.split("  #K7\nline two")).contains(new ReplyTags.Tagged("K7", "line two"));
        assertThat(ReplyTags.split("#K7")).contains(new ReplyTags.Tagged("K7", ""));
        assertThat(ReplyTags.split("On my way #K7")).isEmpty();
        assertThat(ReplyTags.wellFormed("K7")).isTrue();
        assertThat(ReplyTags.wellFormed("K0")).as("no 0, O, 1, I, L").isFalse();
        assertThat(ReplyTags.wellFormed("KLM")).isFalse();
        assertThat(ReplyTags.wellFormed("K")).isFalse();
    }

    @Test
    void theLastAlertCountsFor24Hours() {
        LastAlerts last = new LastAlerts(table);
        String staff = phone();
        String line = line();
        String customer = phone();
        last.alerted(staff, line, customer, T0);
        assertThat(last.lastCustomer(staff, line, T0.plus(Duration.ofHours(23)))).contains(customer);
        assertThat(last.lastCustomer(staff, line, T0.plus(Duration.ofHours(25)))).isEmpty();
        assertThat(last.lastCustomer(staff, line(), T0)).isEmpty();
        String newer = phone();
        last.alerted(staff, line, newer, T0.plusSeconds(5));
        assertThat(last.lastCustomer(staff, line, T0.plusSeconds(6))).contains(newer);
    }
}
