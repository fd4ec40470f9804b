package dev.switchboard.shared.auth;

import java.util.Optional;

/**
 * Who is calling an owner route: a signed-in staff member (session cookie) or a script holding the bearer
 * token ({@code RECORDINGS_TOKEN}), which is no person.
 *
 * @param staffPhone  the staff member's E.164 number; empty for the bearer token
 * @param sessionHash the session's key, to sign out of it; empty for the bearer token
 */
public record Principal(Optional<String> staffPhone, Optional<String> sessionHash) {

    public static Principal bearer() {
        return new Principal(Optional.empty(), Optional.empty());
    }

    public static Principal staff(String phone, String sessionHash) {
        return new Principal(Optional.of(phone), Optional.of(sessionHash));
    }

    public boolean isPerson() {
        return staffPhone.isPresent();
    }
}
