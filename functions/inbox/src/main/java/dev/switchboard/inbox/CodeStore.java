package dev.switchboard.inbox;

import java.time.Instant;

/** Where sign-in codes live ({@link SignInCodes} over the table; a map in tests). */
public interface CodeStore {

    /** A new code for {@code phone}, replacing any earlier one; the caller texts it and forgets it. */
    String issue(String phone, Instant now);

    /** Whether {@code code} is {@code phone}'s live code; counts a try, and a correct code is used up. */
    boolean redeem(String phone, String code, Instant now);
}
