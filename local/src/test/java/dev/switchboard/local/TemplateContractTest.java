package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.emulators.FunctionDefinition;
import dev.switchboard.emulators.HttpApiRoute;
import dev.switchboard.emulators.QueueDefinition;
import dev.switchboard.emulators.SamTemplate;
import dev.switchboard.emulators.SqsEventSource;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What the template promises, checked against the code: handler classes exist in the jar CodeUri names
 * (loaded from that jar alone) with the right event types,
 * CodeUri points at each module's packaged jar, queues are set up for retries, and every route and queue
 * has a sample event under events/.
 */
class TemplateContractTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(TestPaths.template());
    private static final Path ROOT = TestPaths.projectRoot();
    private static final Pattern CODE_URI = Pattern.compile("functions/([a-z0-9-]+)/target/lambda/([a-z0-9-]+)\\.jar");

    @TestFactory
    Stream<DynamicTest> everyHandlerExistsInItsJarWithTheEventTypesOfItsEvents() {
        return TEMPLATE.functions().values().stream().map(fn -> dynamicTest(fn.logicalId() + " " + fn.handler(), () -> {
            FunctionCode code = FunctionCode.of(fn, ROOT);
            assertThat(code.exists()).as(fn.logicalId() + ": " + code + " (run " + FunctionCode.BUILD_COMMAND + ")").isTrue();
            try (URLClassLoader loader = code.newClassLoader()) {
                Class<?> type;
                try {
                    type = Class.forName(fn.handlerClass(), false, loader);
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(fn.logicalId() + ": handler class " + fn.handlerClass() + " is not in " + code);
                }
                assertThat(fn.handlerMethod()).as(fn.logicalId() + " handler method").isEqualTo("handleRequest");
                Class<?> requestHandler = Class.forName(RequestHandler.class.getName(), false, loader);
                Type[] types = requestHandlerTypes(type, requestHandler);
                assertThat(types).as(fn.logicalId() + ": " + type.getName() + " must implement RequestHandler<I, O>").isNotNull();
                List<String> names = Stream.of(types).map(Type::getTypeName).toList();
                if (fn.isHttpFunction()) {
                    assertThat(names).as(fn.logicalId() + " has HttpApi events")
                            .containsExactly(APIGatewayV2HTTPEvent.class.getName(), APIGatewayV2HTTPResponse.class.getName());
                }
                if (fn.isQueueWorker()) {
                    assertThat(names).as(fn.logicalId() + " has SQS events")
                            .containsExactly(SQSEvent.class.getName(), SQSBatchResponse.class.getName());
                }
            }
        }));
    }

    /** The type arguments of (the jar's own) RequestHandler anywhere in the class hierarchy, or null. */
    private static Type[] requestHandlerTypes(Class<?> type, Class<?> requestHandler) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Type[] found = requestHandlerTypes(c.getGenericInterfaces(), requestHandler);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Among {@code interfaces} and the interfaces they extend (HttpApiHandler extends RequestHandler). */
    private static Type[] requestHandlerTypes(Type[] interfaces, Class<?> requestHandler) {
        for (Type iface : interfaces) {
            if (iface instanceof ParameterizedType p && p.getRawType() == requestHandler) {
                return p.getActualTypeArguments();
            }
            Class<?> raw = iface instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) iface;
            Type[] found = requestHandlerTypes(raw.getGenericInterfaces(), requestHandler);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Test
    void everyCodeUriIsTheJarOfAnExistingFunctionModule() throws IOException {
        String modules = Files.readString(ROOT.resolve("functions/pom.xml"));
        for (FunctionDefinition fn : TEMPLATE.functions().values()) {
            Matcher m = CODE_URI.matcher(fn.codeUri());
            assertThat(m.matches()).as(fn.logicalId() + " CodeUri " + fn.codeUri()
                    + " must be functions/<module>/target/lambda/<module>.jar").isTrue();
            assertThat(m.group(2)).as(fn.logicalId() + " CodeUri jar name").isEqualTo(m.group(1));
            assertThat(ROOT.resolve("functions").resolve(m.group(1)).resolve("pom.xml"))
                    .as(fn.logicalId() + " module").exists();
            assertThat(modules).as("functions/pom.xml lists " + m.group(1)).contains("<module>" + m.group(1) + "</module>");
        }
    }

    @TestFactory
    Stream<DynamicTest> queuesAreSetUpForRetries() {
        List<DynamicTest> tests = new ArrayList<>();
        for (QueueDefinition queue : TEMPLATE.queues().values()) {
            queue.deadLetterQueueLogicalId().ifPresent(dlq -> tests.add(dynamicTest(queue.logicalId() + " redrives to an existing DLQ",
                    () -> assertThat(TEMPLATE.queues()).as(queue.logicalId() + " RedrivePolicy target").containsKey(dlq))));
            TEMPLATE.consumerOf(queue.logicalId()).ifPresent(consumer -> tests.add(dynamicTest(
                    queue.logicalId() + " visibility >= 6 x " + consumer.logicalId() + " timeout", () -> {
                        int visibility = queue.visibilityTimeout().orElse(QueueDefinition.DEFAULT_VISIBILITY_TIMEOUT);
                        assertThat(visibility).as(queue.logicalId() + " VisibilityTimeout vs " + consumer.logicalId()
                                + " Timeout " + consumer.timeoutSeconds() + " s").isGreaterThanOrEqualTo(6 * consumer.timeoutSeconds());
                    })));
        }
        for (SqsEventSource source : TEMPLATE.sqsEventSources()) {
            tests.add(dynamicTest(source.functionLogicalId() + "." + source.eventName() + " reports batch item failures",
                    () -> assertThat(source.functionResponseTypes()).as(source.functionLogicalId() + "." + source.eventName()
                            + " FunctionResponseTypes").contains("ReportBatchItemFailures")));
        }
        return tests.stream();
    }

    @Test
    void everyRouteAndQueueHasASampleEvent() throws IOException {
        Set<String> routes = new TreeSet<>();
        TEMPLATE.httpApiRoutes().forEach(r -> routes.add(r.routeKey()));
        Set<String> queues = new TreeSet<>();
        TEMPLATE.sqsEventSources().forEach(s -> queues.add(s.queueLogicalId()));

        Path events = ROOT.resolve("events");
        List<Path> files;
        if (Files.isDirectory(events)) {
            try (Stream<Path> walk = Files.walk(events)) {
                files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
        } else {
            files = List.of();
        }
        Assumptions.assumeFalse(files.isEmpty(), "No sample events under " + events + " yet. Routes without one: "
                + routes + "; queues without one: " + queues);

        ObjectMapper json = new ObjectMapper();
        List<String> unreadable = new ArrayList<>();
        for (Path file : files) {
            try {
                JsonNode node = json.readTree(file.toFile());
                if (node.has("routeKey")) {
                    APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(file.toString());
                    routes.remove(event.getRouteKey());
                } else if (node.has("Records")) {
                    SQSEvent event = EventLoader.loadSQSEvent(file.toString());
                    for (SQSEvent.SQSMessage record : event.getRecords()) {
                        String arn = record.getEventSourceArn();
                        queues.remove(arn == null ? "" : arn.substring(arn.lastIndexOf(':') + 1));
                    }
                }
            } catch (IOException | RuntimeException e) {
                unreadable.add(ROOT.relativize(file) + " (" + e.getMessage() + ")");
            }
        }
        if (!routes.isEmpty() || !queues.isEmpty() || !unreadable.isEmpty()) {
            fail("Sample events under events/ are incomplete."
                    + (routes.isEmpty() ? "" : "\n  Routes without an event (match by routeKey): " + routes)
                    + (queues.isEmpty() ? "" : "\n  Queues without an event (eventSourceARN ending in the queue's logical id): " + queues)
                    + (unreadable.isEmpty() ? "" : "\n  Unreadable: " + unreadable));
        }
    }

    @Test
    void everyRouteIsServedByAFunctionThatExists() {
        for (HttpApiRoute route : TEMPLATE.httpApiRoutes()) {
            assertThat(TEMPLATE.functions()).containsKey(route.functionLogicalId());
            assertThat(route.apiLogicalId()).as(route.routeKey() + " ApiId").isPresent();
            assertThat(TEMPLATE.resources().get(route.apiLogicalId().get()).type()).isEqualTo(SamTemplate.HTTP_API_TYPE);
        }
        Map<String, Long> perRoute = TEMPLATE.httpApiRoutes().stream()
                .collect(java.util.stream.Collectors.groupingBy(HttpApiRoute::routeKey, java.util.stream.Collectors.counting()));
        assertThat(perRoute.values()).as("each route key once: " + perRoute).allMatch(n -> n == 1);
    }
}
