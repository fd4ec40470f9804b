package dev.switchboard.shared.logging;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.MDC;

/**
 * What the current request or job is about ({@code callSid}, {@code recordingSid}, {@code messageSid},
 * {@code leadId}), as fields of their own on every log line written while it is handled: the JSON
 * encoder ({@link LambdaJsonEncoder}) writes each MDC entry as a top-level field, so CloudWatch Logs Insights can filter on
 * {@code callSid} instead of searching message text. Values are cut to {@value #MAX_LENGTH} characters of
 * letters, digits and {@code -_.:+#} (every identifier Twilio or Switchboard makes fits); the rest of a log
 * line is bounded by {@link LambdaJsonEncoder#MAX_STRING_LENGTH}.
 *
 * <p>Set where a webhook's parameters are accepted and per job in the queue worker base; cleared after each
 * invocation ({@link FunctionLogging#around}) and each job.
 */
public final class LogFields {

    public static final int MAX_LENGTH = 64;
    private static final ThreadLocal<Set<String>> SET_HERE = ThreadLocal.withInitial(HashSet::new);

    private LogFields() {
    }

    /** Adds a field (a null or blank value adds nothing). */
    public static void put(String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        MDC.put(name, bounded(value.trim()));
        SET_HERE.get().add(name);
    }

    public static void putAll(Map<String, String> fields) {
        fields.forEach(LogFields::put);
    }

    /** Removes every field set through this class on this thread. */
    public static void clear() {
        Set<String> names = SET_HERE.get();
        names.forEach(MDC::remove);
        names.clear();
    }

    static String bounded(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_LENGTH));
        for (int i = 0; i < value.length() && out.length() < MAX_LENGTH; i++) {
            char c = value.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.:+#".indexOf(c) >= 0;
            out.append(plain ? c : '?');
        }
        return out.toString();
    }
}
