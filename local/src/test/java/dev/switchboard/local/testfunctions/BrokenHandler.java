package dev.switchboard.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

/** Test-only: its constructor fails, like a handler with a missing setting. */
public class BrokenHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    public BrokenHandler() {
        throw new IllegalStateException("MISSING_SETTING is required (expected by the test)");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return new SQSBatchResponse();
    }
}
