package dev.switchboard.emulators;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::Serverless::Function} with {@code Globals.Function} merged in the way SAM merges it.
 *
 * @param environment {@code Environment.Variables}, unresolved (values may be intrinsic functions); see
 *     {@link IntrinsicResolver#environment(FunctionDefinition)}
 * @param properties every merged property, unresolved
 */
public record FunctionDefinition(String logicalId, String codeUri, String handler, int timeoutSeconds,
        int memorySize, Map<String, Object> environment, List<HttpApiRoute> httpApiRoutes,
        List<SqsEventSource> sqsEventSources, List<ScheduleEvent> schedules, Optional<String> condition, Map<String, Object> properties) {

    /** Lambda's defaults when neither the function nor Globals set them. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 3;
    public static final int DEFAULT_MEMORY_SIZE = 128;

    /** {@code dev.switchboard.health.HealthHandler} for {@code dev.switchboard.health.HealthHandler::handleRequest}. */
    public String handlerClass() {
        int sep = handler.indexOf("::");
        return sep < 0 ? handler : handler.substring(0, sep);
    }

    /** The method after {@code ::}; {@code handleRequest} when the handler names only a class. */
    public String handlerMethod() {
        int sep = handler.indexOf("::");
        return sep < 0 ? "handleRequest" : handler.substring(sep + 2);
    }

    public boolean isHttpFunction() {
        return !httpApiRoutes.isEmpty();
    }

    public boolean isQueueWorker() {
        return !sqsEventSources.isEmpty();
    }
}
