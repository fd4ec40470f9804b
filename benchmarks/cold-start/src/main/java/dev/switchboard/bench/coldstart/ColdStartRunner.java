package dev.switchboard.bench.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, as a whole process: {@code java -cp cold-start-runner.jar:<function>.jar
 * dev.switchboard.bench.coldstart.ColdStartRunner <HandlerClass> <event.json>} loads the handler class,
 * constructs it (Lambda's init phase), invokes it once as Lambda's Java runtime does ({@link RuntimeInvoker}:
 * the event's bytes to a stream handler, else through the runtime's serializers), prints the response and exits. The script around it times the process.
 */
public final class ColdStartRunner {

    private ColdStartRunner() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ColdStartRunner <HandlerClass> <event.json>");
            System.exit(2);
        }
        ClassLoader loader = ColdStartRunner.class.getClassLoader();
        Class<?> handlerClass = Class.forName(args[0], true, loader);
        Object handler = handlerClass.getDeclaredConstructor().newInstance();
        byte[] response = new RuntimeInvoker(handler, loader).invoke(Files.readAllBytes(Path.of(args[1])),
                new RunnerContext(handlerClass.getSimpleName()));
        System.out.println(new String(response, StandardCharsets.UTF_8));
    }

    /** The bits of Lambda's context a handler may read. */
    private record RunnerContext(String functionName) implements Context {
        @Override public String getAwsRequestId() { return "cold-start-run"; }
        @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
        @Override public String getLogStreamName() { return "cold-start"; }
        @Override public String getFunctionName() { return functionName; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 10_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.err.println(message); }
                @Override public void log(byte[] message) { System.err.println(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
