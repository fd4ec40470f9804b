package dev.switchboard.local.template;

import static dev.switchboard.local.template.DeployedTemplate.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.switchboard.emulators.FunctionDefinition;
import dev.switchboard.emulators.IntrinsicResolver;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every function starts with exactly what the template gives it in AWS: its resolved Environment, with each
 * {@code X_PARAMETER} replaced by the value a freshly deployed stage has in SSM (the two secrets
 * docs/operations.md has the operator create, and the two parameters the template creates; the optional
 * ones absent). The local stack cannot show a missing variable, because it fills in its own defaults.
 * Each handler is constructed from its own jar (nothing else on its class path); constructing one must not
 * call AWS.
 */
class DeployedEnvironmentIT {

    /** What SSM holds on a new stage (docs/operations.md, "Secrets, created once per stage"). */
    private static Map<String, String> ssm(IntrinsicResolver resolver) {
        return Map.of(
                "/switchboard/dev/twilio-auth-token", "0123456789abcdef0123456789abcdef",
                "/switchboard/dev/recordings-token", "fedcba9876543210fedcba9876543210",
                "/switchboard/dev/lines", resolver.resolveString(Map.of("Ref", "LinesJson")),
                "/switchboard/dev/public-base-url", "https://abc123.execute-api.us-east-1.amazonaws.com");
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionStartsWithTheTemplatesEnvironment() {
        // samconfig.toml's dev stage.
        IntrinsicResolver resolver = DeployedTemplate.resolver(Map.of("TwilioForwardTo", "+19045550177",
                "TwilioCallerId", "+19045550200", "TwilioSmsFrom", "+19045550200"));
        Map<String, String> ssm = ssm(resolver);
        return TEMPLATE.functions().values().stream().map(fn -> dynamicTest(fn.logicalId(), () -> {
            Map<String, String> environment = new LinkedHashMap<>();
            resolver.environment(fn).forEach((name, value) -> {
                if (name.endsWith("_PARAMETER")) {
                    String setting = name.substring(0, name.length() - "_PARAMETER".length());
                    if (ssm.containsKey(value)) {
                        environment.put(setting, ssm.get(value));
                    }
                } else {
                    environment.put(name, value);
                }
            });
            environment.putAll(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test",
                    "AWS_SECRET_ACCESS_KEY", "test", "AWS_LAMBDA_FUNCTION_VERSION", "7"));
            assertThat(construct(fn, environment)).isNotNull();
        }));
    }

    /** The handler, constructed from the function's own jar (the template's CodeUri) as Lambda would. */
    private static Object construct(FunctionDefinition fn, Map<String, String> environment) throws Exception {
        Path jar = DeployedTemplate.FILE.getParent().resolve(fn.codeUri()).normalize();
        try (URLClassLoader loader = new URLClassLoader(fn.logicalId(), new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            return Class.forName(fn.handlerClass(), true, loader).getConstructor(Map.class).newInstance(environment);
        } catch (InvocationTargetException e) {
            throw new AssertionError(fn.logicalId() + " cannot start with the template's environment: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }
}
