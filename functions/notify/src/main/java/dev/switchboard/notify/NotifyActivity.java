package dev.switchboard.notify;

import dev.switchboard.shared.activity.ActivityEvent;
import dev.switchboard.shared.activity.ActivityIndex;
import java.time.Instant;
import java.util.Optional;

/**
 * Puts every customer text that went into the customer's conversation and the owner's feed: an outbound
 * {@code text} event whose item is the text's own {@code SEND#<id>} (it has the body and status even while
 * the text waits on the SMS queue without a MessageSid), and, as any text from the business does, it clears
 * what the customer had waiting for a reply.
 */
public final class NotifyActivity implements CustomerTexter.Listener {

    private final ActivityIndex index;
    private final DynamoNotifyStore store;

    public NotifyActivity(ActivityIndex index, DynamoNotifyStore store) {
        this.index = index;
        this.store = store;
    }

    @Override
    public void sent(SendRecord record, Optional<String> sid, Instant at) {
        if (!record.line().startsWith("+")) {
            return; // no line number to file it under (a messaging-service-only setup)
        }
        store.describe(record, at);
        index.record(ActivityEvent.outbound(DynamoNotifyStore.sendPk(record.id()), DynamoNotifyStore.SEND_SK,
                record.to(), record.line(), at, ActivityEvent.Category.TEXT, Optional.empty()));
        index.businessReplied(record.to(), at);
    }

    /** Both listeners, each failing on its own. */
    static CustomerTexter.Listener both(CustomerTexter.Listener first, CustomerTexter.Listener second) {
        return (record, sid, at) -> {
            RuntimeException failure = null;
            try {
                first.sent(record, sid, at);
            } catch (RuntimeException e) {
                failure = e;
            }
            second.sent(record, sid, at);
            if (failure != null) {
                throw failure;
            }
        };
    }
}
