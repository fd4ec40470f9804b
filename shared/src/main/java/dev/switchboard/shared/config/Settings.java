package dev.switchboard.shared.config;

import dev.switchboard.shared.http.HttpUrls;
import dev.switchboard.shared.phone.E164;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed access to a function's settings.
 *
 * <p>Every setting {@code X} is read from the environment variable {@code X}; when that is unset, from
 * the SSM parameter named by {@code X_PARAMETER} (SecureStrings decrypted), or the Secrets Manager secret
 * named by {@code X_SECRET_ID}. That is how secrets reach Lambda without ever being a plain-text template
 * parameter, and how settings too large for Lambda's 4 KB environment (such as {@code LINES}) are kept.
 *
 * <p>A missing or malformed required value throws {@link ConfigException} with one line naming the
 * variable; secret values never appear in messages.
 *
 * <p>Values from SSM or Secrets Manager are re-read once they are older than
 * {@code PARAMETER_MAX_AGE_SECONDS} (default 300). A value read once at init is a snapshot of that moment;
 * what must follow changes (tokens, {@code LINES}, credentials) is held as a {@link LiveSetting} from
 * {@link #live}, which re-reads through the cache and re-parses only when the raw value changed. Plain
 * environment values never change and cost nothing to hold live.
 */
public final class Settings {

    /** Seconds a value from SSM or Secrets Manager is served before it is read again. */
    public static final String PARAMETER_MAX_AGE_SECONDS = "PARAMETER_MAX_AGE_SECONDS";

    private final Env env;
    private final ParameterStore store;
    /** While a live setting derives its value: every lookup that SSM or Secrets Manager can change. */
    private final List<LiveSetting.Observed> observed;

    public Settings(Env env, ParameterStore store) {
        this(env, store, null);
        store.useMaxAge(parameterMaxAge(env));
    }

    private Settings(Env env, ParameterStore store, List<LiveSetting.Observed> observed) {
        this.env = env;
        this.store = store;
        this.observed = observed;
    }

    /** {@code PARAMETER_MAX_AGE_SECONDS}: 5 s to an hour, default 5 minutes (Powertools' own default). */
    static Duration parameterMaxAge(Env env) {
        return new Settings(env, ParameterStore.NONE, null).seconds(PARAMETER_MAX_AGE_SECONDS,
                AwsParameterStore.DEFAULT_MAX_AGE, Duration.ofSeconds(5), Duration.ofHours(1));
    }

    /**
     * How long a value read from SSM or Secrets Manager is served before it is read again
     * ({@code PARAMETER_MAX_AGE_SECONDS}); what follows a source of its own (the price table's S3 object)
     * reads it again after the same time.
     */
    public Duration parameterMaxAge() {
        return parameterMaxAge(env);
    }

    /**
     * A value derived from one or more settings that follows their changes in SSM or Secrets Manager:
     * {@code derive} runs now (a missing or malformed value throws {@link ConfigException}, failing the cold
     * start with one line as always) and again whenever a value it read has changed. A changed value that
     * {@code derive} rejects keeps the last good one and logs one ERROR naming the setting, never its value.
     * E.g. {@code settings.live(s -> Lines.parse(s))}, or a future {@code STAFF}:
     * {@code settings.live("STAFF", Staff::parse)}.
     */
    public <T> LiveSetting<T> live(Function<Settings, T> derive) {
        return new LiveSetting<>(this, derive);
    }

    /** A required setting parsed by {@code parser} (which throws {@link ConfigException} for bad values), live. */
    public <T> LiveSetting<T> live(String name, Function<String, T> parser) {
        return live(s -> parser.apply(s.required(name)));
    }

    /** This settings' lookups, each remote one reported to {@code sink}: how a live setting sees its inputs. */
    Settings observedBy(List<LiveSetting.Observed> sink) {
        return new Settings(env, store, sink);
    }

    /** The current raw value of a setting a live value read, through the store's cache; never throws ConfigException. */
    Optional<String> reread(String name) {
        return read(name, false);
    }

    /** This process's environment ({@code System.getenv()}, as in Lambda), with SSM and Secrets Manager behind it. */
    public static Settings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** A function's environment given as a map (its handler's constructor argument), with SSM and Secrets Manager behind it. */
    public static Settings fromEnvironment(java.util.Map<String, String> environment) {
        Env env = Env.of(environment);
        return new Settings(env, new AwsParameterStore(new AwsSettings(env)));
    }

    /** Settings from a plain map, with no parameter store: for tests. */
    public static Settings of(java.util.Map<String, String> vars) {
        return new Settings(Env.of(vars), ParameterStore.NONE);
    }

    /**
     * The clock every function's rules run on: {@link Clock#systemUTC()}, except on the local stack, which
     * sets {@code SWITCHBOARD_LOCAL_CLOCK=movable} so that its tests can move time ({@link MovableClock}).
     */
    public Clock clock() {
        return env.get("SWITCHBOARD_LOCAL_CLOCK").filter("movable"::equals).isPresent() ? MovableClock.UTC : Clock.systemUTC();
    }

    public Env env() {
        return env;
    }

    public AwsSettings aws() {
        return new AwsSettings(env);
    }

    public Optional<String> optional(String name) {
        return lookup(name, false);
    }

    public String required(String name) {
        return lookup(name, true).orElseThrow(() -> new ConfigException(name + " is required: set " + name
                + ", or " + name + "_PARAMETER to the name of an SSM parameter holding it"));
    }

    /**
     * Environment first, then the named SSM parameter, then the named secret. A named parameter or secret
     * that does not exist is an error for a required setting (a typo must fail loudly) and absent for an
     * optional one (the template names every optional secret, whether or not the owner created it).
     */
    private Optional<String> lookup(String name, boolean required) {
        boolean remote = env.get(name).isEmpty()
                && (env.get(name + "_PARAMETER").isPresent() || env.get(name + "_SECRET_ID").isPresent());
        if (observed != null && remote) {
            Optional<String> value = read(name, false);
            observed.add(new LiveSetting.Observed(name, value));
            if (value.isPresent() || !required) {
                return value;
            }
        }
        return read(name, required);
    }

    private Optional<String> read(String name, boolean required) {
        Optional<String> direct = env.get(name);
        if (direct.isPresent()) {
            return direct;
        }
        Optional<String> parameterName = env.get(name + "_PARAMETER");
        if (parameterName.isPresent()) {
            Optional<String> value = store.parameter(parameterName.get()).filter(v -> !v.isBlank());
            if (value.isEmpty() && required) {
                throw new ConfigException(name + "_PARAMETER names " + parameterName.get()
                        + ", which does not exist in SSM Parameter Store (or is empty)");
            }
            if (value.isPresent()) {
                return value.map(String::trim);
            }
        }
        Optional<String> secretId = env.get(name + "_SECRET_ID");
        if (secretId.isPresent()) {
            Optional<String> value = store.secret(secretId.get()).filter(v -> !v.isBlank());
            if (value.isEmpty() && required) {
                throw new ConfigException(name + "_SECRET_ID names " + secretId.get()
                        + ", which does not exist in Secrets Manager (or is empty)");
            }
            return value.map(String::trim);
        }
        return Optional.empty();
    }

    /** A required secret. Same lookup as {@link #required}; kept separate so call sites say what they hold. */
    public String secret(String name) {
        return required(name);
    }

    public Optional<String> optionalSecret(String name) {
        return optional(name);
    }

    public String orDefault(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    /** An absolute http(s) URL, returned without a trailing slash. */
    public String baseUrl(String name) {
        return optionalBaseUrl(name).orElseThrow(() -> new ConfigException(name + " is required: set " + name
                + " to the public https URL Twilio calls, e.g. https://abc123.execute-api.us-east-1.amazonaws.com"));
    }

    public Optional<String> optionalBaseUrl(String name) {
        return optional(name).map(value -> {
            Optional<URI> uri = HttpUrls.absolute(value);
            if (uri.isEmpty() && !isUri(value)) {
                throw new ConfigException(name + " is not a valid URL: '" + value + "'");
            }
            if (uri.isEmpty() || uri.get().getRawQuery() != null || uri.get().getRawFragment() != null) {
                throw new ConfigException(name + " must be an absolute http(s) URL without query, got '" + value + "'");
            }
            return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        });
    }

    /** Whether {@code value} is a URI at all (which message a value that is not an http(s) URL gets). */
    private static boolean isUri(String value) {
        try {
            new URI(value);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A phone number that must already be in E.164 form ({@code +19045550177}). */
    public Optional<String> optionalE164(String name) {
        return optional(name).map(value -> requireE164(name, value));
    }

    public static String requireE164(String name, String value) {
        String compact = value.replaceAll("[\\s()-]", "");
        if (!E164.isE164(compact)) {
            throw new ConfigException(name + " must be a phone number in E.164 form like +19045550177, got '"
                    + value + "'");
        }
        return compact;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, got '" + raw.get() + "'");
        }
    }

    public Duration seconds(String name, Duration defaultValue, Duration min, Duration max) {
        int value = integer(name, (int) defaultValue.getSeconds(), (int) min.getSeconds(), (int) max.getSeconds());
        return Duration.ofSeconds(value);
    }

    public boolean flag(String name, boolean defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": case "on":
                return true;
            case "false": case "0": case "no": case "off":
                return false;
            default:
                throw new ConfigException(name + " must be true or false, got '" + raw.get() + "'");
        }
    }
}
