package dev.switchboard.shared.pricing;

import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.LiveSetting;
import dev.switchboard.shared.config.RestoreHooks;
import dev.switchboard.shared.config.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Where the prices come from, for the quote function and the transcriber alike (a call is priced exactly
 * like a web quote):
 * <ol>
 *   <li>{@code PRICE_TABLE} — the table's JSON itself (directly, or through {@code PRICE_TABLE_PARAMETER}, an
 *       SSM parameter; standard parameters hold 4 KB, advanced 8 KB);</li>
 *   <li>{@code PRICE_TABLE_S3_URI} — {@code s3://bucket/key} of the JSON (any size);</li>
 *   <li>otherwise the table shipped with Switchboard ({@code price-table.json}).</li>
 * </ol>
 * The table follows changes without a deploy ({@link #get}): the settings are held {@link Settings#live live}
 * (re-read within {@code PARAMETER_MAX_AGE_SECONDS}), and the S3 object is read again at most once per that
 * max age per container, with its ETag, so an unchanged object is not downloaded again. At cold start a
 * table that is missing, unreadable, not JSON or without services throws {@link ConfigException} with one
 * line naming the setting: wrong prices are worse than a loud start-up failure. Later, such a table leaves
 * the last good one in use and logs one ERROR naming where it came from, until it changes again. After a
 * SnapStart restore the S3 object is checked again on first use ({@link RestoreHooks}).
 */
public final class PriceTableSource implements Supplier<PriceTable>, RestoreHooks.AfterRestore {

    public static final long MAX_BYTES = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(PriceTableSource.class);

    /** Where the settings say the table comes from. */
    private sealed interface Origin permits Fixed, InS3 {
        String name();
    }

    /** A table given whole: {@code PRICE_TABLE}, or the shipped one. */
    private record Fixed(String name, PriceTable table) implements Origin {
    }

    private record InS3(S3Location where) implements Origin {
        @Override
        public String name() {
            return "PRICE_TABLE_S3_URI " + where;
        }
    }

    /** An S3 object's text and ETag. */
    private record StoredTable(String json, Optional<String> etag) {
    }

    /**
     * What is in use: the last good table, and the origin last checked (it may have failed, leaving an older
     * table in use); for an S3 object, the ETag of what was last seen there, good or not, and when.
     *
     * @param problem the failure last logged, so that it is logged once
     */
    private record Current(Origin origin, PriceTable table, Optional<String> etag, Instant checkedAt,
                           Optional<String> problem) {
    }

    private final LiveSetting<Origin> configured;
    private final Supplier<S3Client> s3Factory;
    private final Clock clock;
    private final Duration maxAge;
    private S3Client s3;
    private volatile Current current;

    private PriceTableSource(Settings settings, Supplier<S3Client> s3, Clock clock) {
        this.s3Factory = s3;
        this.clock = clock;
        this.maxAge = settings.parameterMaxAge();
        this.configured = settings.live(PriceTableSource::origin);
        Origin origin = configured.get();
        Instant now = clock.instant();
        if (origin instanceof Fixed fixed) {
            current = new Current(origin, fixed.table(), Optional.empty(), now, Optional.empty());
        } else {
            InS3 object = (InS3) origin;
            StoredTable stored = read(object.where(), Optional.empty()).orElseThrow();
            current = new Current(origin, parse(stored.json(), object.name()), stored.etag(), now, Optional.empty());
        }
        RestoreHooks.register(this);
    }

    /**
     * The prices as configured, following their changes; throws {@link ConfigException} when they cannot be
     * read now.
     *
     * @param s3 asked for a client the first time an S3 object is read
     */
    public static PriceTableSource live(Settings settings, Supplier<S3Client> s3) {
        return live(settings, s3, Clock.systemUTC());
    }

    /** The same on a given clock (what ages the S3 object's copy). */
    public static PriceTableSource live(Settings settings, Supplier<S3Client> s3, Clock clock) {
        return new PriceTableSource(settings, s3, clock);
    }

    /** The prices as configured now, read once. */
    public static PriceTable load(Settings settings, Supplier<S3Client> s3) {
        return live(settings, s3).get();
    }

    /** The table in use: the one configured now, or the last good one while that cannot be used. */
    @Override
    public PriceTable get() {
        Origin origin = configured.get();
        Current seen = current;
        boolean due = origin instanceof InS3 && !clock.instant().isBefore(seen.checkedAt().plus(maxAge));
        if (origin.equals(seen.origin()) && !due) {
            return seen.table();
        }
        return refresh(seen, origin);
    }

    private synchronized PriceTable refresh(Current seen, Origin origin) {
        if (current != seen) {
            return current.table();
        }
        Instant now = clock.instant();
        if (origin instanceof Fixed fixed) {
            current = new Current(origin, fixed.table(), Optional.empty(), now, Optional.empty());
            return fixed.table();
        }
        InS3 object = (InS3) origin;
        Optional<String> lastSeen = origin.equals(seen.origin()) ? seen.etag() : Optional.empty();
        Optional<StoredTable> changed;
        try {
            changed = read(object.where(), lastSeen);
        } catch (ConfigException e) {
            current = new Current(origin, seen.table(), lastSeen, now, failed(seen, e));
            return seen.table();
        }
        if (changed.isEmpty()) {
            current = new Current(origin, seen.table(), lastSeen, now, seen.problem());
            return seen.table();
        }
        try {
            PriceTable table = parse(changed.get().json(), object.name());
            current = new Current(origin, table, changed.get().etag(), now, Optional.empty());
            LOG.info("{} changed; the new prices are in use", object.name());
            return table;
        } catch (ConfigException e) {
            current = new Current(origin, seen.table(), changed.get().etag(), now, failed(seen, e));
            return seen.table();
        }
    }

    /** Logs a failure once (the same one again is not news) and returns it to be remembered. */
    private static Optional<String> failed(Current seen, ConfigException e) {
        if (!seen.problem().equals(Optional.of(e.getMessage()))) {
            LOG.error("{}; the last good price table stays in use until it is fixed (a cold start would fail on it)",
                    e.getMessage());
        }
        return Optional.of(e.getMessage());
    }

    /**
     * A value made from the table (the transcriber's service phrases), made now and again only when the table
     * changed. A table it cannot be made from fails the cold start (the exception is thrown here); later, it
     * leaves the last value in use, and one ERROR names where the table came from.
     */
    public <T> Supplier<T> derived(Function<PriceTable, T> derive) {
        return new Derived<>(this, derive);
    }

    /** Where the table in use was configured to come from, for messages. */
    String originName() {
        return current.origin().name();
    }

    /** Whatever was read before a snapshot is checked again at first use after a restore. */
    @Override
    public synchronized void afterRestore() {
        Current c = current;
        current = new Current(c.origin(), c.table(), c.etag(), Instant.MIN, c.problem());
    }

    private static Origin origin(Settings settings) {
        Optional<String> inline = settings.optional("PRICE_TABLE");
        Optional<String> location = settings.optional("PRICE_TABLE_S3_URI");
        if (inline.isPresent() && location.isPresent()) {
            throw new ConfigException("Set PRICE_TABLE or PRICE_TABLE_S3_URI, not both");
        }
        if (inline.isPresent()) {
            return new Fixed("PRICE_TABLE", parse(inline.get(), "PRICE_TABLE"));
        }
        if (location.isPresent()) {
            return new InS3(S3Location.parse(location.get()));
        }
        return new Fixed("price-table.json", PriceTable.defaults());
    }

    private static PriceTable parse(String json, String source) {
        PriceTable table = PriceTable.parse(json, source);
        if (table.services().isEmpty()) {
            throw new ConfigException(source + " has no services: every quote would go unpriced");
        }
        return table;
    }

    /** The object, or empty when its ETag is still {@code etag} (a conditional GET answered 304). */
    private Optional<StoredTable> read(S3Location where, Optional<String> etag) {
        try {
            ResponseBytes<GetObjectResponse> object = s3().getObjectAsBytes(b -> {
                b.bucket(where.bucket()).key(where.key());
                etag.ifPresent(b::ifNoneMatch);
            });
            byte[] bytes = object.asByteArray();
            if (bytes.length > MAX_BYTES) {
                throw new ConfigException("PRICE_TABLE_S3_URI " + where + " is larger than 1 MB");
            }
            return Optional.of(new StoredTable(new String(bytes, StandardCharsets.UTF_8),
                    Optional.ofNullable(object.response().eTag())));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new ConfigException("PRICE_TABLE_S3_URI names " + where + ", which does not exist");
        } catch (S3Exception e) {
            if (e.statusCode() == 304) {
                return Optional.empty();
            }
            throw new ConfigException("PRICE_TABLE_S3_URI " + where + " cannot be read (" + e.statusCode() + " "
                    + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode())
                    + "): the function needs s3:GetObject on it");
        } catch (SdkException e) {
            throw new ConfigException("PRICE_TABLE_S3_URI " + where + " cannot be read: " + e.getMessage());
        }
    }

    private synchronized S3Client s3() {
        if (s3 == null) {
            s3 = s3Factory.get();
        }
        return s3;
    }

    /** A value made from the table; see {@link #derived}. */
    private static final class Derived<T> implements Supplier<T> {

        private record Made<T>(PriceTable from, T value) {
        }

        private final PriceTableSource source;
        private final Function<PriceTable, T> derive;
        private volatile Made<T> made;
        /** The table last refused: not tried (nor logged) again until the table changes. */
        private volatile PriceTable refused;

        Derived(PriceTableSource source, Function<PriceTable, T> derive) {
            this.source = source;
            this.derive = derive;
            PriceTable table = source.get();
            this.made = new Made<>(table, derive.apply(table));
        }

        @Override
        public T get() {
            PriceTable table = source.get();
            Made<T> seen = made;
            if (table == seen.from() || table == refused) {
                return seen.value();
            }
            return remake(seen, table);
        }

        private synchronized T remake(Made<T> seen, PriceTable table) {
            if (made != seen) {
                return made.value();
            }
            try {
                made = new Made<>(table, derive.apply(table));
                refused = null;
                return made.value();
            } catch (RuntimeException e) {
                refused = table;
                LOG.error("The price table from {} changed but cannot be used here ({}); the last good one stays in"
                        + " use until it is fixed (a cold start would fail on it)", source.originName(), e.getMessage());
                return seen.value();
            }
        }
    }

    /** {@code s3://bucket/key}. */
    record S3Location(String bucket, String key) {

        static S3Location parse(String value) {
            String v = value.trim();
            if (!v.startsWith("s3://")) {
                throw invalid(value);
            }
            String rest = v.substring("s3://".length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) {
                throw invalid(value);
            }
            return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
        }

        private static ConfigException invalid(String value) {
            return new ConfigException("PRICE_TABLE_S3_URI must look like s3://bucket/path/price-table.json, got '"
                    + value + "'");
        }

        @Override
        public String toString() {
            return "s3://" + bucket + "/" + key;
        }
    }
}
