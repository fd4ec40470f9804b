package dev.switchboard.inbox;

import dev.switchboard.shared.config.Line;
import java.util.Optional;

/** Who is staff ({@code STAFF}, through {@code shared/config/Staff}) as the inbox needs it. */
public interface StaffDirectory {

    /**
     * A staff member.
     *
     * @param line the line used to text and call them (the first of theirs), or the fallback line
     */
    record Member(String phone, String name, Line line) {
    }

    Optional<Member> member(String phone);

    default boolean isStaff(String phone) {
        return member(phone).isPresent();
    }
}
