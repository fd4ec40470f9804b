package dev.switchboard.transcription;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;

/** PLACEHOLDER until its issue lands: fails every message so nothing is lost. */
public class TranscriptionHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return new SQSBatchResponse(event.getRecords().stream()
                .map(r -> new SQSBatchResponse.BatchItemFailure(r.getMessageId())).toList());
    }
}
