package dev.switchboard.inbox;

import dev.switchboard.shared.activity.ActivityIndex;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The activity index as the inbox reads and moves it ({@code shared/activity/ActivityIndex} in Lambda, a list
 * in tests): pages of events newest first, a contact's timeline, and the needs-reply marks.
 */
public interface ActivityStore {

    /** One page of events (the items themselves) and the cursor of the next, if any. */
    record Page(List<Map<String, AttributeValue>> events, Optional<String> nextCursor) {
    }

    /**
     * A page of the feed.
     *
     * @throws IllegalArgumentException for a cursor this store did not hand out
     */
    Page feed(ActivityIndex.Feed filter, Optional<String> line, Optional<String> cursor, int limit);

    /**
     * A page of one contact's timeline.
     *
     * @throws IllegalArgumentException for a cursor this store did not hand out
     */
    Page timeline(String contact, Optional<String> cursor, int limit);

    /** Which of these events (partition keys) wait for a reply. */
    Set<String> needingReply(Collection<Map<String, AttributeValue>> events);

    /** Contacts' names ({@code CONTACT#<E.164>}/{@code PROFILE}), for those that have one. */
    Map<String, String> names(Collection<String> phones);

    /** Takes an event out of needs-reply; false when there is no such event. */
    boolean markDone(String eventPk, Instant now);

    /** The business called or texted {@code contact} at {@code at}: what waited for a reply no longer does. */
    void businessReplied(String contact, Instant at);

    /**
     * A text the inbox sent (Twilio accepted it as {@code messageSid}): its message item gets the feed fields,
     * it is indexed, and what waited for a reply from {@code contact} no longer does.
     */
    void textSent(String messageSid, String contact, String line, String body, Optional<String> sentBy, Instant at);

    /** A click-to-call placed (parent {@code callSid}): the call item gets the feed fields, indexed, replied. */
    void callPlaced(String callSid, String contact, String line, Optional<String> staff, Instant at);
}
