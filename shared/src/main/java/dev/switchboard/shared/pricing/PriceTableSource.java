package dev.switchboard.shared.pricing;

import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Where the prices come from, for the quote function and the transcriber alike (a call is priced exactly
 * like a web quote), read once per container at cold start, so a broken table fails the deployment loudly
 * instead of quoting wrong prices:
 * <ol>
 *   <li>{@code PRICE_TABLE} — the table's JSON itself (directly, or through {@code PRICE_TABLE_PARAMETER}, an
 *       SSM parameter; standard parameters hold 4 KB, advanced 8 KB);</li>
 *   <li>{@code PRICE_TABLE_S3_URI} — {@code s3://bucket/key} of the JSON (any size);</li>
 *   <li>otherwise the table shipped with Switchboard ({@code price-table.json}).</li>
 * </ol>
 */
public final class PriceTableSource {

    public static final long MAX_BYTES = 1024 * 1024;

    private PriceTableSource() {
    }

    public static PriceTable load(Settings settings, Supplier<S3Client> s3) {
        Optional<String> inline = settings.optional("PRICE_TABLE");
        Optional<String> location = settings.optional("PRICE_TABLE_S3_URI");
        if (inline.isPresent() && location.isPresent()) {
            throw new ConfigException("Set PRICE_TABLE or PRICE_TABLE_S3_URI, not both");
        }
        if (inline.isPresent()) {
            return checked(PriceTable.parse(inline.get(), "PRICE_TABLE"), "PRICE_TABLE");
        }
        if (location.isPresent()) {
            S3Location where = S3Location.parse(location.get());
            return checked(PriceTable.parse(read(s3.get(), where), "PRICE_TABLE_S3_URI " + where), "PRICE_TABLE_S3_URI " + where);
        }
        return PriceTable.defaults();
    }

    private static PriceTable checked(PriceTable table, String source) {
        if (table.services().isEmpty()) {
            throw new ConfigException(source + " has no services: every quote would go unpriced");
        }
        return table;
    }

    private static String read(S3Client s3, S3Location where) {
        try {
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(where.bucket()).key(where.key())).asByteArray();
            if (bytes.length > MAX_BYTES) {
                throw new ConfigException("PRICE_TABLE_S3_URI " + where + " is larger than 1 MB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new ConfigException("PRICE_TABLE_S3_URI names " + where + ", which does not exist");
        } catch (S3Exception e) {
            throw new ConfigException("PRICE_TABLE_S3_URI " + where + " cannot be read (" + e.statusCode() + " "
                    + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode())
                    + "): the function needs s3:GetObject on it");
        } catch (SdkException e) {
            throw new ConfigException("PRICE_TABLE_S3_URI " + where + " cannot be read: " + e.getMessage());
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
