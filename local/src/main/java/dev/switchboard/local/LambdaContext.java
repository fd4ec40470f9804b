package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.switchboard.emulators.AwsEmulators;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The {@link Context} a handler receives, as Lambda fills it in: request id, function name and ARN
 * (account 000000000000, us-east-1), memory, log group/stream, and the time left before the template's
 * {@code Timeout}. The logger writes to stdout like Lambda's.
 */
public final class LambdaContext implements Context {

    private static final LambdaLogger STDOUT_LOGGER = new LambdaLogger() {
        @Override
        public void log(String message) {
            ConsoleLog.stream().print(message);
            ConsoleLog.stream().flush();
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    };

    private final String requestId;
    private final String functionName;
    private final int memoryLimitInMb;
    private final long deadlineMillis;
    private final String logStreamName;

    public LambdaContext(String requestId, String functionName, int memoryLimitInMb, int timeoutSeconds) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.memoryLimitInMb = memoryLimitInMb;
        this.deadlineMillis = System.currentTimeMillis() + timeoutSeconds * 1000L;
        this.logStreamName = DateTimeFormatter.ofPattern("yyyy/MM/dd").format(LocalDate.now(ZoneOffset.UTC))
                + "/[$LATEST]" + UUID.nameUUIDFromBytes(functionName.getBytes(StandardCharsets.UTF_8))
                        .toString().replace("-", "");
    }

    /** A context with a fresh request id. */
    public static LambdaContext forInvocation(String functionName, int memoryLimitInMb, int timeoutSeconds) {
        return new LambdaContext(UUID.randomUUID().toString(), functionName, memoryLimitInMb, timeoutSeconds);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + AwsEmulators.REGION + ":" + AwsEmulators.ACCOUNT_ID + ":function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryLimitInMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return STDOUT_LOGGER;
    }
}
