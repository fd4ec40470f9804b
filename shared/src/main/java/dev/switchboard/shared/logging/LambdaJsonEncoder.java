package dev.switchboard.shared.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.encoder.JsonEscapeUtil;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JSON object per line, with the fields and names of Powertools' {@code LambdaJsonLayout.json} (the
 * layout of {@code powertools-logging-log4j}, which this replaces): {@code level}, {@code message},
 * {@code error} ({@code message}, {@code name}, {@code stack}) when an exception is logged, the Lambda fields
 * Powertools puts in the MDC ({@code cold_start} as a boolean, {@code function_memory_size} as a number,
 * {@code sampling_rate} as a number when above zero, the others as strings), {@code timestamp} (UTC, milliseconds), then
 * every other MDC entry as a string field of its own, in key order ({@code callSid}, {@code priming}...).
 * A field without a value is left out, except {@code function_arn}, {@code function_name},
 * {@code function_request_id}, {@code function_version} and {@code service}, which are {@code null} outside an
 * invocation (lines logged at init), as Powertools' layout wrote them. Every string is cut at {@value #MAX_STRING_LENGTH} characters
 * (followed by {@code …}), as the log4j layout's {@code maxStringLength} did.
 *
 * <p>Escaping is Logback's own {@link JsonEscapeUtil} (one class, against about thirty for a Jackson
 * {@code JsonGenerator} on the cold-start path).
 */
public final class LambdaJsonEncoder extends EncoderBase<ILoggingEvent> {

    public static final int MAX_STRING_LENGTH = 8192;
    static final String TRUNCATED = "…";

    /** The MDC keys Powertools sets ({@code PowertoolsLoggedFields}), in the layout's order. */
    static final List<String> POWERTOOLS_FIELDS = List.of("cold_start", "function_arn", "function_memory_size",
            "function_name", "function_request_id", "function_version", "sampling_rate", "service",
            "xray_trace_id", "correlation_id");

    private static final byte[] EMPTY = new byte[0];

    @Override
    public byte[] headerBytes() {
        return EMPTY;
    }

    @Override
    public byte[] footerBytes() {
        return EMPTY;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return line(event).getBytes(StandardCharsets.UTF_8);
    }

    /** The line, newline included. */
    public String line(ILoggingEvent event) {
        StringBuilder json = new StringBuilder(512);
        json.append('{');
        string(json, "level", event.getLevel().toString());
        string(json, "message", event.getFormattedMessage());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            error(json, thrown);
        }
        Map<String, String> mdc = event.getMDCPropertyMap() == null ? Map.of() : event.getMDCPropertyMap();
        String coldStart = mdc.get("cold_start");
        if (coldStart != null) {
            raw(json, "cold_start", Boolean.toString(Boolean.parseBoolean(coldStart)));
        }
        nullable(json, "function_arn", mdc.get("function_arn"));
        number(json, "function_memory_size", mdc.get("function_memory_size"), true);
        nullable(json, "function_name", mdc.get("function_name"));
        nullable(json, "function_request_id", mdc.get("function_request_id"));
        nullable(json, "function_version", mdc.get("function_version"));
        samplingRate(json, mdc.get("sampling_rate"));
        nullable(json, "service", mdc.get("service"));
        string(json, "timestamp", timestamp(event.getTimeStamp()));
        string(json, "xray_trace_id", mdc.get("xray_trace_id"));
        string(json, "correlation_id", mdc.get("correlation_id"));
        if (mdc.size() > 0) {
            for (Map.Entry<String, String> field : new TreeMap<>(mdc).entrySet()) {
                if (!POWERTOOLS_FIELDS.contains(field.getKey())) {
                    string(json, field.getKey(), field.getValue());
                }
            }
        }
        return json.append("}\n").toString();
    }

    private static void error(StringBuilder json, IThrowableProxy thrown) {
        Throwable throwable = thrown instanceof ThrowableProxy proxy ? proxy.getThrowable() : null;
        String message;
        String name;
        String stack;
        if (throwable != null) {
            message = throwable.getLocalizedMessage();
            name = throwable.getClass().getCanonicalName();
            StringWriter trace = new StringWriter();
            throwable.printStackTrace(new PrintWriter(trace));
            stack = trace.toString();
        } else {
            message = thrown.getMessage();
            name = thrown.getClassName();
            stack = ThrowableProxyUtil.asString(thrown);
        }
        separator(json);
        json.append("\"error\":{");
        string(json, "message", message);
        string(json, "name", name);   // never null: the error object is never empty
        string(json, "stack", stack);
        json.append('}');
    }

    private static void string(StringBuilder json, String name, String value) {
        if (value == null) {
            return;
        }
        String bounded = value.length() > MAX_STRING_LENGTH ? value.substring(0, MAX_STRING_LENGTH) + TRUNCATED : value;
        separator(json);
        json.append('"').append(JsonEscapeUtil.jsonEscapeString(bounded(name))).append("\":\"")
                .append(JsonEscapeUtil.jsonEscapeString(bounded)).append('"');
    }

    private static String bounded(String name) {
        return name.length() > MAX_STRING_LENGTH ? name.substring(0, MAX_STRING_LENGTH) + TRUNCATED : name;
    }

    /** A string field that Powertools' layout writes as {@code null} outside an invocation (init's lines). */
    private static void nullable(StringBuilder json, String name, String value) {
        if (value == null) {
            raw(json, name, "null");
        } else {
            string(json, name, value);
        }
    }

    /** Only a rate above zero, as Powertools' layout wrote it (Powertools puts {@code 0.0} in the MDC by default). */
    private static void samplingRate(StringBuilder json, String value) {
        try {
            if (value != null && Float.parseFloat(value.trim()) > 0) {
                number(json, "sampling_rate", value, false);
            }
        } catch (NumberFormatException notANumber) {
            // left out, as below
        }
    }

    /** A number field from an MDC string; left out when it is not one. */
    private static void number(StringBuilder json, String name, String value, boolean integer) {
        if (value == null) {
            return;
        }
        try {
            raw(json, name, integer ? Integer.toString(Integer.parseInt(value.trim()))
                    : Float.toString(Float.parseFloat(value.trim())));
        } catch (NumberFormatException notANumber) {
            // Powertools only ever puts numbers there; anything else is left out rather than break the line.
        }
    }

    private static void raw(StringBuilder json, String name, String value) {
        separator(json);
        json.append('"').append(name).append("\":").append(value);
    }

    private static void separator(StringBuilder json) {
        char last = json.charAt(json.length() - 1);
        if (last != '{') {
            json.append(',');
        }
    }

    /** {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} in UTC. */
    static String timestamp(long epochMillis) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L),
                (int) Math.floorMod(epochMillis, 1000L) * 1_000_000, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(24);
        pad(out, time.getYear(), 4).append('-');
        pad(out, time.getMonthValue(), 2).append('-');
        pad(out, time.getDayOfMonth(), 2).append('T');
        pad(out, time.getHour(), 2).append(':');
        pad(out, time.getMinute(), 2).append(':');
        pad(out, time.getSecond(), 2).append('.');
        pad(out, (int) Math.floorMod(epochMillis, 1000L), 3).append('Z');
        return out.toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
