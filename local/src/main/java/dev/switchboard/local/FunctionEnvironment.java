package dev.switchboard.local;

import dev.switchboard.emulators.FunctionDefinition;
import dev.switchboard.emulators.IntrinsicResolver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The environment a function runs with locally, built the way {@code sam local} builds it, from lowest to
 * highest precedence:
 * <ol>
 *   <li>the template's {@code Environment.Variables} (Globals merged), resolved;
 *   <li>the local defaults ({@link LocalDefaults}), except where the template's value comes from a
 *       parameter the user overrode explicitly;
 *   <li>the user's environment: the process environment and the extra variables given to the stack;
 *   <li>Lambda's own variables ({@code AWS_LAMBDA_FUNCTION_NAME}, ...) and {@code SWITCHBOARD_LOCAL=true};
 *   <li>the emulators' region, test keys and endpoints, always last, so that real AWS credentials from the
 *       user's shell never reach an emulator (or AWS).
 * </ol>
 * Variables ending in {@code _PARAMETER} or {@code _SECRET_ID} name SSM parameters and Secrets Manager
 * secrets that do not exist locally; they are dropped unless the user sets them.
 */
final class FunctionEnvironment {

    /** Credential and profile settings that must not follow the user's shell into a local function. */
    private static final Set<String> AWS_SHELL_VARIABLES = Set.of("AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
            "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE");

    private FunctionEnvironment() {
    }

    static Map<String, String> build(FunctionDefinition function, IntrinsicResolver resolver,
            Map<String, String> localDefaults, Map<String, String> userEnvironment, Map<String, String> awsClientEnvironment) {
        Map<String, String> env = new LinkedHashMap<>(resolver.environment(function));

        Set<String> overridden = resolver.parameterOverrides().keySet();
        localDefaults.forEach((name, value) -> {
            Object expression = function.environment().get(name);
            boolean fromOverriddenParameter = expression != null
                    && resolver.referencedParameters(expression).stream().anyMatch(overridden::contains);
            if (!fromOverriddenParameter) {
                env.put(name, value);
            }
        });

        env.putAll(userEnvironment);
        env.keySet().removeIf(name -> (name.endsWith("_PARAMETER") || name.endsWith("_SECRET_ID"))
                && !userEnvironment.containsKey(name));

        env.put("SWITCHBOARD_LOCAL", "true");
        env.put("SWITCHBOARD_LOCAL_CLOCK", "movable"); // LocalClock moves every function's time at once
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memorySize()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.logicalId());

        env.keySet().removeIf(name -> AWS_SHELL_VARIABLES.contains(name) || name.startsWith("AWS_ENDPOINT_URL_"));
        env.putAll(awsClientEnvironment);
        env.put("AWS_DEFAULT_REGION", awsClientEnvironment.getOrDefault("AWS_REGION", "us-east-1"));
        return env;
    }
}
