package dev.switchboard.shared.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.testing.Emulators;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Sessions in DynamoDB Local: found by id only, gone after logout, logout-all, or 30 days. */
class SessionsTest {

    final Table table = Emulators.shared().table();
    final Sessions sessions = new Sessions(table);
    final Instant now = Instant.parse("2026-12-02T14:00:00Z");

    static String staff() {
        return "+1904555" + String.format("%04d", (int) (Math.random() * 10000));
    }

    @Test
    void aSessionIsFoundByItsIdAndTheTableHoldsOnlyItsHash() {
        String phone = staff();
        String id = sessions.create(phone, now);
        assertThat(id).matches("[A-Za-z0-9_-]{43}");
        Sessions.Session session = sessions.find(id, now).orElseThrow();
        assertThat(session.staff()).isEqualTo(phone);
        assertThat(session.hash()).isNotEqualTo(id).hasSize(64);
        assertThat(table.get(Sessions.pk(id), Sessions.SK)).isEmpty();
        assertThat(sessions.find(id.substring(1) + "A", now)).isEmpty();
        assertThat(sessions.find("not a session", now)).isEmpty();
    }

    @Test
    void sessionsExpireAfterThirtyDays() {
        String id = sessions.create(staff(), now);
        assertThat(sessions.find(id, now.plus(Duration.ofDays(30)).minusSeconds(1))).isPresent();
        assertThat(sessions.find(id, now.plus(Duration.ofDays(30)))).isEmpty();
    }

    @Test
    void logoutEndsOneSessionAndLogoutAllEndsEveryOneOfThatPerson() {
        String phone = staff();
        String other = staff() + "9";
        String a = sessions.create(phone, now);
        String b = sessions.create(phone, now);
        String c = sessions.create(phone, now);
        String theirs = sessions.create(other, now);
        Sessions.Session first = sessions.find(a, now).orElseThrow();
        sessions.revoke(first.staff(), first.hash());
        assertThat(sessions.find(a, now)).isEmpty();
        assertThat(sessions.find(b, now)).isPresent();
        assertThat(sessions.revokeAll(phone)).isEqualTo(2);
        assertThat(sessions.find(b, now)).isEmpty();
        assertThat(sessions.find(c, now)).isEmpty();
        assertThat(sessions.find(theirs, now)).isPresent();
    }
}
