package dev.switchboard.emulators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points AWS SDK clients built inside this JVM at emulators through the SDK's own system properties
 * ({@code aws.endpointUrlDynamoDb}, {@code aws.region}, {@code aws.accessKeyId}, ...), the way a process
 * environment's {@code AWS_ENDPOINT_URL_<SERVICE>} would in a process of its own.
 *
 * <p>System properties belong to the whole JVM. Several holders may be open at once (a test that runs a
 * second stack while one is up): the most recently opened one still open wins, and when the last one
 * closes the properties are back to what they were before the first.
 *
 * <pre>{@code
 * try (SdkSystemProperties aws = SdkSystemProperties.apply(emulators.endpoints())) {
 *     DynamoDbClient client = DynamoDbClient.create();   // talks to DynamoDB Local
 * }
 * }</pre>
 */
public final class SdkSystemProperties implements AutoCloseable {

    private static final List<SdkSystemProperties> OPEN = new ArrayList<>();
    /** Each property's value before any holder set it (null: unset). */
    private static final Map<String, String> ORIGINAL = new LinkedHashMap<>();

    private final Map<String, String> properties;
    private boolean closed;

    private SdkSystemProperties(Map<String, String> properties) {
        this.properties = Map.copyOf(properties);
    }

    public static SdkSystemProperties apply(AwsEndpoints endpoints) {
        return apply(endpoints.sdkSystemProperties());
    }

    public static SdkSystemProperties apply(Map<String, String> properties) {
        SdkSystemProperties holder = new SdkSystemProperties(properties);
        synchronized (OPEN) {
            properties.keySet().forEach(name -> {
                if (!ORIGINAL.containsKey(name)) {
                    ORIGINAL.put(name, System.getProperty(name));
                }
            });
            OPEN.add(holder);
            applyTopmost();
        }
        return holder;
    }

    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public void close() {
        synchronized (OPEN) {
            if (closed) {
                return;
            }
            closed = true;
            OPEN.remove(this);
            applyTopmost();
            if (OPEN.isEmpty()) {
                ORIGINAL.clear();
            }
        }
    }

    /** The most recently opened holder's values; what was there before for everything it does not set. */
    private static void applyTopmost() {
        Map<String, String> top = OPEN.isEmpty() ? Map.of() : OPEN.get(OPEN.size() - 1).properties;
        ORIGINAL.forEach((name, before) -> {
            String value = top.containsKey(name) ? top.get(name) : before;
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }
}
