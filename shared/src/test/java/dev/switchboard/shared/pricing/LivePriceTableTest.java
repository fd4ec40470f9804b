package dev.switchboard.shared.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.emulators.AwsEmulators;
import dev.switchboard.shared.config.AwsSettings;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Env;
import dev.switchboard.shared.config.RestoreHooks;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.testing.CapturedLogs;
import dev.switchboard.shared.testing.EditableParameterStore;
import dev.switchboard.shared.testing.Emulators;
import dev.switchboard.shared.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.event.Level;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The prices following their changes without a deploy: the table in SSM (a fake store the test edits), the
 * object in S3 (s3proxy, with every request the client makes recorded) and the max age on a clock the test
 * moves.
 */
class LivePriceTableTest {

    static final Duration MAX_AGE = Duration.ofSeconds(300);

    static String table(String oilChange) {
        return "{\"services\": {\"oil change\": {\"base\": \"" + oilChange + "\", \"aliases\": [\"oil\"]}}}";
    }

    static String oilChange(PriceTable table) {
        return table.estimate("oil", 2018, null, Year.of(2026)).amountText().orElseThrow();
    }

    final EditableParameterStore ssm = new EditableParameterStore();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T20:00:00Z"));

    Settings settings(Map<String, String> env) {
        return new Settings(Env.of(env), ssm);
    }

    @Test
    void aTableInSsmFollowsAnEditAndABrokenEditKeepsTheLastGoodOneWithOneError() {
        ssm.put("/sb/price-table", table("65.00"));
        PriceTableSource prices = PriceTableSource.live(settings(Map.of("PRICE_TABLE_PARAMETER", "/sb/price-table")),
                LivePriceTableTest::noS3, clock);
        assertThat(oilChange(prices.get())).isEqualTo("65.00");

        ssm.put("/sb/price-table", table("70.00"));
        assertThat(oilChange(prices.get())).isEqualTo("70.00");

        try (CapturedLogs logs = CapturedLogs.start()) {
            ssm.put("/sb/price-table", "{\"services\": {\"oil change\": {\"base\": \"free\"}}}");
            for (int i = 0; i < 5; i++) {
                assertThat(oilChange(prices.get())).isEqualTo("70.00");
            }
            assertThat(logs.at(Level.ERROR)).singleElement().satisfies(line -> assertThat(line.text())
                    .startsWith("PRICE_TABLE changed").contains("last good value stays in use"));
        }
        ssm.put("/sb/price-table", table("72.50"));
        assertThat(oilChange(prices.get())).isEqualTo("72.50");
    }

    @Test
    void creatingOrDeletingTheParameterSwitchesBetweenItAndTheShippedTable() {
        PriceTableSource prices = PriceTableSource.live(settings(Map.of("PRICE_TABLE_PARAMETER", "/sb/price-table")),
                LivePriceTableTest::noS3, clock);
        assertThat(prices.get().estimate("oil change", 2018, "4-cylinder", Year.of(2026)).amountText()).contains("50.00");
        ssm.put("/sb/price-table", table("65.00"));
        assertThat(oilChange(prices.get())).isEqualTo("65.00");
        ssm.parameters.remove("/sb/price-table");
        assertThat(prices.get().estimate("oil change", 2018, "4-cylinder", Year.of(2026)).amountText()).contains("50.00");
    }

    @Test
    void anObjectInS3IsCheckedAtMostOncePerMaxAgeAndDownloadedOnlyWhenItChanged() {
        S3Object object = new S3Object();
        object.put(table("65.00"));
        PriceTableSource prices = object.source();
        assertThat(oilChange(prices.get())).isEqualTo("65.00");
        assertThat(object.requests).containsExactly("GET 200");

        object.put(table("70.00"));
        clock.advance(MAX_AGE.minusSeconds(1));
        for (int i = 0; i < 5; i++) {
            assertThat(oilChange(prices.get())).isEqualTo("65.00");
        }
        assertThat(object.requests).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(oilChange(prices.get())).isEqualTo("70.00");
        assertThat(oilChange(prices.get())).isEqualTo("70.00");
        assertThat(object.requests).containsExactly("GET 200", "GET If-None-Match 200");

        clock.advance(MAX_AGE);
        assertThat(oilChange(prices.get())).isEqualTo("70.00");
        assertThat(object.requests).containsExactly("GET 200", "GET If-None-Match 200", "GET If-None-Match 304");
    }

    @Test
    void aBrokenOrMissingObjectLaterKeepsTheLastGoodTableWithOneErrorNamingIt() {
        S3Object object = new S3Object();
        object.put(table("65.00"));
        PriceTableSource prices = object.source();
        try (CapturedLogs logs = CapturedLogs.start()) {
            object.put("{\"services\": {}}");
            for (int i = 0; i < 3; i++) {
                clock.advance(MAX_AGE);
                assertThat(oilChange(prices.get())).isEqualTo("65.00");
            }
            assertThat(logs.at(Level.ERROR)).singleElement().satisfies(line -> assertThat(line.text())
                    .isEqualTo("PRICE_TABLE_S3_URI " + object.uri() + " has no services: every quote would go unpriced;"
                            + " the last good price table stays in use until it is fixed (a cold start would fail on it)"));
            // Unchanged since it was refused: not downloaded (nor parsed, nor logged) again.
            assertThat(object.requests.subList(2, 4)).containsOnly("GET If-None-Match 304");

            object.delete();
            clock.advance(MAX_AGE);
            assertThat(oilChange(prices.get())).isEqualTo("65.00");
            clock.advance(MAX_AGE);
            assertThat(oilChange(prices.get())).isEqualTo("65.00");
            assertThat(logs.at(Level.ERROR)).hasSize(2).last().satisfies(line -> assertThat(line.text())
                    .startsWith("PRICE_TABLE_S3_URI names " + object.uri() + ", which does not exist;"));
        }
        object.put(table("80.00"));
        clock.advance(MAX_AGE);
        assertThat(oilChange(prices.get())).isEqualTo("80.00");
    }

    @Test
    void aBrokenObjectAtColdStartStillStopsItWithOneLine() {
        S3Object object = new S3Object();
        assertThatThrownBy(object::source).isInstanceOf(ConfigException.class)
                .hasMessage("PRICE_TABLE_S3_URI names " + object.uri() + ", which does not exist");
        object.put("{nope");
        assertThatThrownBy(object::source).isInstanceOf(ConfigException.class)
                .hasMessage("PRICE_TABLE_S3_URI " + object.uri() + " is not valid JSON");
    }

    @Test
    void afterASnapStartRestoreTheObjectIsCheckedAgainAtOnce() {
        S3Object object = new S3Object();
        object.put(table("65.00"));
        PriceTableSource prices = object.source();
        object.put(table("70.00"));
        assertThat(oilChange(prices.get())).isEqualTo("65.00");

        RestoreHooks.runAfterRestore();

        assertThat(oilChange(prices.get())).isEqualTo("70.00");
    }

    @Test
    void whatIsMadeFromTheTableIsMadeAgainOnlyWhenTheTableChanged() {
        ssm.put("/sb/price-table", table("65.00"));
        PriceTableSource prices = PriceTableSource.live(settings(Map.of("PRICE_TABLE_PARAMETER", "/sb/price-table")),
                LivePriceTableTest::noS3, clock);
        AtomicInteger made = new AtomicInteger();
        Supplier<String> derived = prices.derived(table -> {
            made.incrementAndGet();
            String price = oilChange(table);
            if (price.equals("99.00")) {
                throw new IllegalStateException("service-phrases.json maps phrases to 'brake pads', which is not a"
                        + " service in the price table");
            }
            return "oil change at " + price;
        });
        for (int i = 0; i < 5; i++) {
            assertThat(derived.get()).isEqualTo("oil change at 65.00");
        }
        assertThat(made).hasValue(1);

        ssm.put("/sb/price-table", table("70.00"));
        assertThat(derived.get()).isEqualTo("oil change at 70.00");
        assertThat(derived.get()).isEqualTo("oil change at 70.00");
        assertThat(made).hasValue(2);

        try (CapturedLogs logs = CapturedLogs.start()) {
            ssm.put("/sb/price-table", table("99.00"));
            for (int i = 0; i < 5; i++) {
                assertThat(derived.get()).isEqualTo("oil change at 70.00");
            }
            assertThat(made).hasValue(3);
            assertThat(logs.at(Level.ERROR)).singleElement().satisfies(line -> assertThat(line.text())
                    .startsWith("The price table from PRICE_TABLE changed but cannot be used here (service-phrases.json")
                    .contains("the last good one stays in use"));
        }
        ssm.put("/sb/price-table", table("75.00"));
        assertThat(derived.get()).isEqualTo("oil change at 75.00");

        ssm.put("/sb/price-table", table("99.00"));
        assertThatThrownBy(() -> PriceTableSource.live(settings(Map.of("PRICE_TABLE_PARAMETER", "/sb/price-table")),
                LivePriceTableTest::noS3, clock).derived(table -> {
                    throw new IllegalStateException("refused");
                })).hasMessage("refused");
    }

    static S3Client noS3() {
        throw new AssertionError("S3 must not be touched");
    }

    /** One object of its own in the emulated recordings bucket, and every request the source's client made. */
    final class S3Object {
        final Emulators aws = Emulators.shared();
        final String bucket = aws.resources().bucketName("RecordingsBucket");
        final String key = "config/" + UUID.randomUUID() + "/price-table.json";
        final List<String> requests = Collections.synchronizedList(new ArrayList<>());

        String uri() {
            return "s3://" + bucket + "/" + key;
        }

        void put(String json) {
            aws.aws().s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(json));
        }

        void delete() {
            aws.aws().s3().deleteObject(b -> b.bucket(bucket).key(key));
        }

        PriceTableSource source() {
            return PriceTableSource.live(settings(Map.of("PRICE_TABLE_S3_URI", uri())), this::client, clock);
        }

        S3Client client() {
            ExecutionInterceptor recorder = new ExecutionInterceptor() {
                @Override
                public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                    requests.add(context.httpRequest().method() + " "
                            + (context.httpRequest().firstMatchingHeader("If-None-Match").isPresent() ? "If-None-Match " : "")
                            + context.httpResponse().statusCode());
                }
            };
            AwsSettings settings = new AwsSettings(Env.of(Map.of("AWS_REGION", "us-east-1")))
                    .withEndpoint(aws.aws().s3Endpoint(), AwsEmulators.ACCESS_KEY_ID, AwsEmulators.SECRET_ACCESS_KEY);
            return settings.configure(S3Client.builder(), Duration.ofSeconds(5)).forcePathStyle(true)
                    .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build();
        }
    }
}
