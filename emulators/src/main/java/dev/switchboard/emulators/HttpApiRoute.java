package dev.switchboard.emulators;

import java.util.Locale;
import java.util.Optional;

/**
 * One {@code HttpApi} event of a function: {@code Method} (upper case; {@code ANY} matches every method)
 * and {@code Path} (with {@code {name}} and greedy {@code {name+}} segments). An event without a path is
 * the API's {@code $default} route.
 */
public record HttpApiRoute(String functionLogicalId, String eventName, String method, String path,
        Optional<String> apiLogicalId) {

    public static final String DEFAULT_ROUTE = "$default";

    public HttpApiRoute {
        method = method.toUpperCase(Locale.ROOT);
    }

    /** {@code "POST /twilio/voice"}, or {@code "$default"}: what API Gateway puts in {@code routeKey}. */
    public String routeKey() {
        return isDefaultRoute() ? DEFAULT_ROUTE : method + " " + path;
    }

    public boolean isDefaultRoute() {
        return path.equals(DEFAULT_ROUTE);
    }

    public boolean matchesAnyMethod() {
        return method.equals("ANY") || isDefaultRoute();
    }
}
