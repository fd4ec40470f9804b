package dev.switchboard.emulators;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The physical resources the {@link Provisioner} created for a template, by logical id: table names,
 * queue names/URLs/ARNs and bucket names.
 */
public final class LocalResources {

    /** A queue as it exists in the emulator. */
    public record Queue(String logicalId, String name, String url, String arn) {
    }

    private final Map<String, String> tableNames;
    private final Map<String, Queue> queues;
    private final Map<String, String> bucketNames;

    public LocalResources(Map<String, String> tableNames, Map<String, Queue> queues, Map<String, String> bucketNames) {
        this.tableNames = Collections.unmodifiableMap(new LinkedHashMap<>(tableNames));
        this.queues = Collections.unmodifiableMap(new LinkedHashMap<>(queues));
        this.bucketNames = Collections.unmodifiableMap(new LinkedHashMap<>(bucketNames));
    }

    public String tableName(String logicalId) {
        return require(tableNames, logicalId, "table");
    }

    public Queue queue(String logicalId) {
        return require(queues, logicalId, "queue");
    }

    public String queueUrl(String logicalId) {
        return queue(logicalId).url();
    }

    public String queueArn(String logicalId) {
        return queue(logicalId).arn();
    }

    public String queueName(String logicalId) {
        return queue(logicalId).name();
    }

    public String bucketName(String logicalId) {
        return require(bucketNames, logicalId, "bucket");
    }

    /** The queue with this ARN or name, if the template declares it. */
    public Optional<Queue> queueByArnOrName(String arnOrName) {
        String name = arnOrName.substring(arnOrName.lastIndexOf(':') + 1);
        return queues.values().stream().filter(q -> q.arn().equals(arnOrName) || q.name().equals(name)).findFirst();
    }

    public Map<String, String> tableNames() {
        return tableNames;
    }

    public Map<String, Queue> queues() {
        return queues;
    }

    public Map<String, String> bucketNames() {
        return bucketNames;
    }

    public boolean hasQueue(String logicalId) {
        return queues.containsKey(logicalId);
    }

    public boolean hasTable(String logicalId) {
        return tableNames.containsKey(logicalId);
    }

    public boolean hasBucket(String logicalId) {
        return bucketNames.containsKey(logicalId);
    }

    private static <T> T require(Map<String, T> map, String logicalId, String kind) {
        T value = map.get(logicalId);
        if (value == null) {
            throw new IllegalArgumentException("No " + kind + " with logical id " + logicalId + " was provisioned");
        }
        return value;
    }

    @Override
    public String toString() {
        return "LocalResources{tables=" + tableNames + ", queues=" + queues.keySet() + ", buckets=" + bucketNames + "}";
    }
}
