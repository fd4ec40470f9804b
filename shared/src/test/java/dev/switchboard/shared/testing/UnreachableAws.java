package dev.switchboard.shared.testing;

import dev.switchboard.shared.config.AwsSettings;
import dev.switchboard.shared.config.Env;
import java.net.URI;
import java.util.Map;

/** AWS settings pointing every client at a closed port: how a test sees an AWS outage. */
public final class UnreachableAws {

    private UnreachableAws() {
    }

    public static AwsSettings settings() {
        return new AwsSettings(Env.of(Map.of("AWS_REGION", "us-east-1")))
                .withEndpoint(URI.create("http://127.0.0.1:9"), "test", "test");
    }

    /** A function's environment variables for wiring a whole function that makes no AWS call (region and dummy keys). */
    public static Map<String, String> environment() {
        return Map.of(
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test");
    }
}
