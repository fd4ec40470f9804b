package dev.switchboard.sms;

import dev.switchboard.shared.sms.InboundMessage;
import dev.switchboard.shared.sms.MessageRecords;
import dev.switchboard.shared.storage.OptOuts;
import java.time.Instant;

/** What sms-incoming writes: the message ({@link MessageRecords}) and opt-outs ({@link OptOuts}). */
public interface IncomingSmsStore {

    /** Stores the message; false when it was stored before (a redelivery). */
    boolean recordFirst(InboundMessage message, Instant now);

    void optOut(String phone, String source, Instant now);

    void optIn(String phone, String source, Instant now);

    /** Files a customer's text in their conversation and the owner's feed (needs a reply). */
    default void customerText(InboundMessage message, Instant now) {
    }

    static IncomingSmsStore of(MessageRecords messages, OptOuts optOuts) {
        return new IncomingSmsStore() {
            @Override
            public boolean recordFirst(InboundMessage message, Instant now) {
                return messages.recordInbound(message, now);
            }

            @Override
            public void optOut(String phone, String source, Instant now) {
                optOuts.optOut(phone, source, now);
            }

            @Override
            public void optIn(String phone, String source, Instant now) {
                optOuts.optIn(phone, source, now);
            }

            @Override
            public void customerText(InboundMessage message, Instant now) {
                messages.recordInboundActivity(message, now);
            }
        };
    }
}
