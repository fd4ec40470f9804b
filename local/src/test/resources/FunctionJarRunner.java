import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One Lambda invocation in a fresh JVM whose classpath is a function's jar and nothing else:
 * {@code java -cp <function>.jar FunctionJarRunner.java <HandlerClass> <event.json>}, with the function's
 * environment as the process environment. Constructs the handler through Lambda's no-arg constructor, reads
 * the event with the jar's own Jackson, invokes {@code handleRequest} and prints {@code RESPONSE <json>}.
 * A library missing from the jar fails here exactly as it would in Lambda.
 */
public class FunctionJarRunner {

    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0]);
        Object handler = type.getConstructor().newInstance();
        Method handleRequest = null;
        for (Method m : type.getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()
                    && m.getParameterTypes()[1] == Context.class) {
                handleRequest = m;
            }
        }
        // Lambda's runtime reads events with mixins ("Records", "eventSourceARN"); case-insensitive names do here.
        ObjectMapper json = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        Object event = json.readValue(Path.of(args[1]).toFile(), handleRequest.getParameterTypes()[0]);
        Object response = handleRequest.invoke(handler, event, new RunnerContext(type.getSimpleName()));
        System.out.println("RESPONSE " + json.writeValueAsString(response));
    }

    private static final class RunnerContext implements Context {
        private final String name;

        RunnerContext(String name) {
            this.name = name;
        }

        public String getAwsRequestId() {
            return "00000000-0000-0000-0000-000000000001";
        }

        public String getLogGroupName() {
            return "/aws/lambda/" + name;
        }

        public String getLogStreamName() {
            return "fresh-jvm";
        }

        public String getFunctionName() {
            return name;
        }

        public String getFunctionVersion() {
            return "$LATEST";
        }

        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + name;
        }

        public CognitoIdentity getIdentity() {
            return null;
        }

        public ClientContext getClientContext() {
            return null;
        }

        public int getRemainingTimeInMillis() {
            return 10_000;
        }

        public int getMemoryLimitInMB() {
            return 512;
        }

        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String message) {
                    System.out.print(message);
                }

                public void log(byte[] message) {
                    System.out.print(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
