package dev.switchboard.shared.testing;

import dev.switchboard.shared.config.AwsSettings;
import dev.switchboard.shared.config.Env;
import java.util.Map;

/** AWS settings pointing every client at a closed port: how a test sees an AWS outage. */
public final class UnreachableAws {

    private UnreachableAws() {
    }

    public static AwsSettings settings() {
        return new AwsSettings(Env.of(environment()));
    }

    /** The same as a function's environment variables, for wiring a whole function that makes no AWS call. */
    public static Map<String, String> environment() {
        return Map.of(
                "AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:9",
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test");
    }
}
