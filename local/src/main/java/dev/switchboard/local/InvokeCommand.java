package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.emulators.AwsEndpoints;
import dev.switchboard.emulators.FunctionDefinition;
import dev.switchboard.emulators.SamTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code invoke FUNCTION --event FILE}: one invocation, its response JSON on stdout, like {@code sam local invoke}. */
@Command(name = "invoke", header = "Invoke one function with an event file; print its response.",
        description = "Invoke one function with an event file (API Gateway HTTP API or SQS) and print its response "
                + "JSON, like `sam local invoke`. Uses the running stack's emulators if they answer on the ports "
                + "given, else starts in-memory ones. Events for /twilio/* routes are re-signed with the local auth "
                + "token and bearer tokens replaced by the local recordings token (--no-sign: as they are). Takes "
                + "the run options too.")
final class InvokeCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "FUNCTION", description = "The function's logical id, e.g. HealthFunction.")
    String functionId;

    @Option(names = "--event", paramLabel = "FILE", required = true, description = "The event file, e.g. events/health.json.")
    Path eventFile;

    @Option(names = "--no-sign", description = "Send the event's signature and bearer token as they are.")
    boolean noSign;

    @Mixin
    StackOptions stack;

    private final PrintStream out;
    private final PrintStream err;

    InvokeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Path templatePath = stack.template();
        SamTemplate template = SamTemplate.load(templatePath);
        FunctionDefinition definition = template.function(functionId).orElseThrow(() -> new IllegalArgumentException(
                "No function " + functionId + " in " + templatePath + "; functions: " + template.functions().keySet()));
        Object event;
        if (definition.isHttpFunction()) {
            event = EventJson.read(eventFile, APIGatewayV2HTTPEvent.class);
        } else if (definition.isQueueWorker()) {
            event = EventJson.read(eventFile, SQSEvent.class);
        } else if (!definition.schedules().isEmpty()) {
            event = EventJson.read(eventFile, Object.class); // a schedule's Input, as Scheduler delivers it
        } else {
            throw new IllegalArgumentException(functionId
                    + " has no HttpApi, SQS or schedule events; nothing to invoke it with");
        }

        // stdout carries only the response: the stack's messages and the functions' logs go to stderr.
        PrintStream previousOut = System.out;
        PrintStream previousLog = ConsoleLog.stream();
        System.setOut(err);
        ConsoleLog.to(err);
        LocalStack running = null;
        try {
            LocalStack.Builder builder = stack.builder()
                    .serveHttp(false)
                    .pollQueues(false)
                    .twilioSandboxPort(0)
                    .onlyFunctions(List.of(functionId));
            if (answers(stack.dynamoDbPort) && answers(stack.sqsPort) && answers(stack.s3Port)) {
                ConsoleLog.info("invoke", "using the running stack's emulators on ports " + stack.dynamoDbPort + ", "
                        + stack.sqsPort + ", " + stack.s3Port);
                builder.externalEmulators(AwsEndpoints.localhost(stack.dynamoDbPort, stack.sqsPort, stack.s3Port));
            } else {
                ConsoleLog.info("invoke", "no local stack running; starting in-memory emulators");
                builder.inMemory(true).dynamoDbPort(0).sqsPort(0).s3Port(0);
            }
            running = builder.start();
            LambdaFunction function = running.function(functionId);
            if (event instanceof APIGatewayV2HTTPEvent http && !noSign) {
                LocalCredentials.of(function.environment()).apply(http)
                        .forEach(change -> ConsoleLog.info("invoke", change + " (--no-sign sends the event as is)"));
            }
            Object response;
            try {
                response = function.invoke(event);
            } catch (RuntimeException | Error e) {
                Throwable cause = e instanceof LambdaFunction.FunctionInitException && e.getCause() != null ? e.getCause() : e;
                out.println(errorJson(cause));
                return 1;
            }
            out.println(response == null ? "null" : EventJson.writePretty(response));
            return 0;
        } finally {
            if (running != null) {
                running.close();
            }
            System.setOut(previousOut);
            ConsoleLog.to(previousLog);
        }
    }

    /** Lambda's error shape for an unhandled exception. */
    private static String errorJson(Throwable error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("errorMessage", String.valueOf(error.getMessage()));
        json.put("errorType", error.getClass().getName());
        List<String> trace = new ArrayList<>();
        for (StackTraceElement element : error.getStackTrace()) {
            trace.add(element.toString());
        }
        json.put("stackTrace", trace);
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            return "{\"errorMessage\":\"" + error.getClass().getName() + "\"}";
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
