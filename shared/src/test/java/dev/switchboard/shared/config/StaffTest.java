package dev.switchboard.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StaffTest {

    private static Staff load(Map<String, String> vars) {
        Settings settings = Settings.of(vars);
        return Staff.load(settings, Lines.load(settings));
    }

    @Test
    void unsetMeansEveryForwardToIsAnOwner() {
        Staff staff = load(Map.of("TWILIO_FORWARD_TO", "+19045550177",
                "LINES", "{\"+19045550200\": {\"forwardTo\": \"+19045550188\"}, \"+19045550201\": {}}"));

        assertThat(staff.all()).extracting(Staff.Member::phone).containsExactlyInAnyOrder("+19045550177", "+19045550188");
        assertThat(staff.member("+19045550188")).hasValueSatisfying(m -> {
            assertThat(m.role()).isEqualTo(Staff.Role.OWNER);
            assertThat(m.name()).isEqualTo("Owner");
        });
        assertThat(staff.isStaff("+19045550123")).isFalse();
        assertThat(staff.isStaff(null)).isFalse();
    }

    @Test
    void readsNamesAndRoles() {
        Staff staff = load(Map.of("STAFF",
                "{\"+1 (904) 555-0177\": {\"name\": \"Mike\", \"role\": \"owner\"}, \"+19045550166\": {\"name\": \"Ana\", \"role\": \"staff\"}}"));

        assertThat(staff.member("+19045550177")).contains(new Staff.Member("+19045550177", "Mike", Staff.Role.OWNER));
        assertThat(staff.member("+19045550166")).contains(new Staff.Member("+19045550166", "Ana", Staff.Role.STAFF));
        assertThat(staff.all()).hasSize(2);
    }

    @Test
    void malformedValuesStopTheColdStartNamingStaff() {
        assertThatThrownBy(() -> load(Map.of("STAFF", "{\"+19045550177\": {\"nmae\": \"Mike\"}}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("STAFF[+19045550177]")
                .hasMessageContaining("unknown key 'nmae'");
        assertThatThrownBy(() -> load(Map.of("STAFF", "{\"9045550177\": {\"name\": \"Mike\"}}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("STAFF key");
        assertThatThrownBy(() -> load(Map.of("STAFF", "{\"+19045550177\": {\"role\": \"boss\"}}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("STAFF[+19045550177].role");
        assertThatThrownBy(() -> load(Map.of("STAFF", "[1]")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("STAFF must be");
        assertThatThrownBy(() -> load(Map.of("STAFF", "{oops")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("STAFF is not valid JSON");
    }

    @Test
    void aStaffMembersLinesAreThoseThatRingThem() {
        Staff staff = load(Map.of("STAFF", "{\"+19045550177\": {\"name\": \"Mike\"}, \"+19045550166\": {}}",
                "LINES", "{\"+19045550200\": {\"forwardTo\": \"+19045550166\"}, \"+19045550201\": {}}"));

        assertThat(staff.linesOf("+19045550166")).extracting(l -> l.number().orElseThrow()).containsExactly("+19045550200");
        assertThat(staff.linesOf("+19045550177")).extracting(l -> l.number().orElseThrow())
                .containsExactly("+19045550200", "+19045550201");
    }

    @Test
    void ownerSideLineKeysAreKnownButOthersAreNot() {
        Settings ok = Settings.of(Map.of("LINES", "{\"+19045550200\": {\"alerts\": {}, \"alertTo\": [], \"alertEmail\": [],"
                + " \"summaryAt\": \"07:30\", \"templates\": {}, \"quietHours\": {}, \"reminders\": []}}"));
        assertThat(LinesJson.lineObjects(ok)).containsOnlyKeys("+19045550200");
        Lines.load(ok);

        assertThatThrownBy(() -> LinesJson.lineObjects(Settings.of(Map.of("LINES", "{\"+19045550200\": {\"alert\": true}}"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'alert'");
    }
}
