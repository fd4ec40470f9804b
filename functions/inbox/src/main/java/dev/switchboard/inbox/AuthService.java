package dev.switchboard.inbox;

import dev.switchboard.shared.auth.Principal;
import dev.switchboard.shared.auth.Sessions;
import dev.switchboard.shared.logging.PhoneMask;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passwordless sign-in for staff: a six-digit code by text, then a server-side session. Whether a number is
 * staff is never revealed (a code request always answers the same); codes and session ids are never logged.
 */
public final class AuthService {

    /** Texts a sign-in code to a staff member from their line; false when it could not be sent or queued. */
    @FunctionalInterface
    public interface CodeTexter {
        boolean send(StaffDirectory.Member member, String code);
    }

    /** Where sessions live ({@link Sessions} over the table). */
    public interface SessionStore {
        String create(String staff, java.time.Instant now);

        void revoke(String staff, String hash);

        int revokeAll(String staff);

        static SessionStore of(Sessions sessions) {
            return new SessionStore() {
                @Override
                public String create(String staff, java.time.Instant now) {
                    return sessions.create(staff, now);
                }

                @Override
                public void revoke(String staff, String hash) {
                    sessions.revoke(staff, hash);
                }

                @Override
                public int revokeAll(String staff) {
                    return sessions.revokeAll(staff);
                }
            };
        }
    }

    public sealed interface CodeOutcome {
        /** 202 whatever the number (staff or not). */
        record Accepted() implements CodeOutcome {
        }

        record RateLimited(Duration retryAfter) implements CodeOutcome {
        }
    }

    public sealed interface SignInOutcome {
        record SignedIn(String sessionId) implements SignInOutcome {
        }

        record InvalidCode() implements SignInOutcome {
        }

        record RateLimited(Duration retryAfter) implements SignInOutcome {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);

    private final StaffDirectory staff;
    private final CodeStore codes;
    private final CodeTexter texter;
    private final SessionStore sessions;
    private final AuthRateLimits limits;
    private final Clock clock;

    public AuthService(StaffDirectory staff, CodeStore codes, CodeTexter texter, SessionStore sessions,
                       AuthRateLimits limits, Clock clock) {
        this.staff = staff;
        this.codes = codes;
        this.texter = texter;
        this.sessions = sessions;
        this.limits = limits;
        this.clock = clock;
    }

    /** {@code POST /auth/code}: a code for a staff number; the same answer for any other number. */
    public CodeOutcome requestCode(String phone, Optional<String> ip) {
        Optional<Duration> wait = limits.codeRequest(ip, phone);
        if (wait.isPresent()) {
            return new CodeOutcome.RateLimited(wait.get());
        }
        Optional<StaffDirectory.Member> member = staff.member(phone);
        if (member.isEmpty()) {
            LOG.info("Sign-in code asked for {}, not staff: nothing sent", PhoneMask.mask(phone));
            return new CodeOutcome.Accepted();
        }
        String code = codes.issue(phone, clock.instant());
        boolean sent = texter.send(member.get(), code);
        LOG.info("Sign-in code for {} {}", PhoneMask.mask(phone), sent ? "texted" : "could NOT be texted");
        return new CodeOutcome.Accepted();
    }

    /** {@code POST /auth/session}: a new session for a correct code. */
    public SignInOutcome signIn(String phone, String code, Optional<String> ip) {
        Optional<Duration> wait = limits.signInTry(ip, phone);
        if (wait.isPresent()) {
            return new SignInOutcome.RateLimited(wait.get());
        }
        if (!code.matches("[0-9]{6}") || !staff.isStaff(phone) || !codes.redeem(phone, code, clock.instant())) {
            LOG.info("Sign-in refused for {}: wrong or expired code", PhoneMask.mask(phone));
            return new SignInOutcome.InvalidCode();
        }
        String id = sessions.create(phone, clock.instant());
        LOG.info("Signed in {}", PhoneMask.mask(phone));
        return new SignInOutcome.SignedIn(id);
    }

    /** {@code POST /auth/logout}: ends this session. */
    public void logout(Principal principal) {
        if (principal.staffPhone().isPresent() && principal.sessionHash().isPresent()) {
            sessions.revoke(principal.staffPhone().get(), principal.sessionHash().get());
            LOG.info("Signed out {}", PhoneMask.mask(principal.staffPhone().get()));
        }
    }

    /** {@code POST /auth/logout-all}: ends every session of this person. */
    public int logoutAll(String staffPhone) {
        int count = sessions.revokeAll(staffPhone);
        LOG.info("Signed out {} everywhere ({} sessions)", PhoneMask.mask(staffPhone), count);
        return count;
    }
}
