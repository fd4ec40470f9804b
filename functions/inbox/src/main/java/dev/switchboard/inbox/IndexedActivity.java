package dev.switchboard.inbox;

import dev.switchboard.shared.storage.Table;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link ActivityStore} over the activity index ({@code shared/activity/ActivityIndex}). */
final class IndexedActivity implements ActivityStore {

    private final Table table;
    private final Clock clock;

    private IndexedActivity(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    static ActivityStore of(Table table, Clock clock) {
        return new IndexedActivity(table, clock);
    }

    @Override
    public Page feed(Filter filter, Optional<String> line, Optional<String> cursor, int limit) {
        throw new UnsupportedOperationException("waiting for ActivityIndex");
    }

    @Override
    public Page timeline(String contact, Optional<String> cursor, int limit) {
        throw new UnsupportedOperationException("waiting for ActivityIndex");
    }

    @Override
    public Set<String> needingReply(Collection<Map<String, AttributeValue>> events) {
        return Set.of();
    }

    @Override
    public Map<String, String> names(Collection<String> phones) {
        return Map.of();
    }

    @Override
    public boolean markDone(String eventPk, Instant now) {
        return false;
    }

    @Override
    public void businessReplied(String contact, Instant at) {
    }

    @Override
    public void textSent(String messageSid, String contact, String line, String body, Optional<String> sentBy, Instant at) {
    }

    @Override
    public void callPlaced(String callSid, String contact, String line, Optional<String> staff, Instant at) {
    }
}
