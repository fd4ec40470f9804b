package dev.switchboard.emulators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/**
 * Creates the template's DynamoDB tables (with GSIs, LSIs, streams and TTL), SQS queues (dead-letter
 * queues first, then the queues that redrive into them) and S3 buckets in the emulators, or in any
 * endpoint speaking those APIs (LocalStack).
 *
 * <p>Idempotent: resources that already exist (data kept from a previous run, or a stack started by
 * another process) are kept and brought in line: TTL enabled, missing GSIs added, queue attributes set.
 * Resources whose {@code Condition} is false are skipped.
 */
public final class Provisioner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final S3Client s3;

    public Provisioner(DynamoDbClient dynamoDb, SqsClient sqs, S3Client s3) {
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.s3 = s3;
    }

    /** Provisions through short-lived clients for {@code endpoints}. */
    public static LocalResources provision(AwsEndpoints endpoints, IntrinsicResolver resolver) {
        try (DynamoDbClient d = endpoints.newDynamoDbClient();
             SqsClient q = endpoints.newSqsClient();
             S3Client b = endpoints.newS3Client()) {
            return new Provisioner(d, q, b).provision(resolver);
        }
    }

    /** Provisions {@code resolver.template()}; names come from {@link IntrinsicResolver#physicalName}. */
    public LocalResources provision(IntrinsicResolver resolver) {
        SamTemplate template = resolver.template();
        Map<String, String> tables = new LinkedHashMap<>();
        for (TableDefinition table : template.tables().values()) {
            if (resolver.isCreated(table.logicalId())) {
                tables.put(table.logicalId(), createTable(table, resolver.physicalName(table.logicalId())));
            }
        }
        Map<String, LocalResources.Queue> queues = new LinkedHashMap<>();
        for (QueueDefinition queue : dlqFirst(template)) {
            if (resolver.isCreated(queue.logicalId())) {
                queues.put(queue.logicalId(), createQueue(queue, resolver.physicalName(queue.logicalId()), queues));
            }
        }
        Map<String, String> buckets = new LinkedHashMap<>();
        for (BucketDefinition bucket : template.buckets().values()) {
            if (resolver.isCreated(bucket.logicalId())) {
                buckets.put(bucket.logicalId(), createBucket(resolver.physicalName(bucket.logicalId())));
            }
        }
        return new LocalResources(tables, queues, buckets);
    }

    // ------------------------------------------------------------------ DynamoDB

    private String createTable(TableDefinition table, String name) {
        boolean onDemand = table.billingMode().equals("PAY_PER_REQUEST");
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .keySchema(keys(table.keySchema()))
                .attributeDefinitions(table.attributeTypes().entrySet().stream()
                        .map(e -> AttributeDefinition.builder().attributeName(e.getKey()).attributeType(e.getValue()).build())
                        .toList())
                .billingMode(onDemand ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED);
        if (!onDemand) {
            request.provisionedThroughput(throughput());
        }
        if (!table.globalSecondaryIndexes().isEmpty()) {
            request.globalSecondaryIndexes(table.globalSecondaryIndexes().stream()
                    .map(i -> globalIndex(i, onDemand)).toList());
        }
        if (!table.localSecondaryIndexes().isEmpty()) {
            request.localSecondaryIndexes(table.localSecondaryIndexes().stream()
                    .map(i -> LocalSecondaryIndex.builder().indexName(i.indexName()).keySchema(keys(i.keySchema()))
                            .projection(projection(i)).build())
                    .toList());
        }
        table.streamViewType().ifPresent(view -> request.streamSpecification(
                StreamSpecification.builder().streamEnabled(true).streamViewType(view).build()));
        boolean created;
        try {
            dynamoDb.createTable(request.build());
            created = true;
        } catch (ResourceInUseException exists) {
            created = false;
        }
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(name));
        if (!created) {
            addMissingIndexes(table, name, onDemand);
        }
        table.ttlAttribute().ifPresent(attribute -> enableTtl(name, attribute));
        return name;
    }

    /** A table kept from an earlier run may predate an index added to the template since. */
    private void addMissingIndexes(TableDefinition table, String name, boolean onDemand) {
        TableDescription description = dynamoDb.describeTable(b -> b.tableName(name)).table();
        Set<String> existing = new LinkedHashSet<>();
        description.globalSecondaryIndexes().forEach(i -> existing.add(i.indexName()));
        for (TableDefinition.SecondaryIndex index : table.globalSecondaryIndexes()) {
            if (existing.contains(index.indexName())) {
                continue;
            }
            List<AttributeDefinition> attributes = table.attributeTypes().entrySet().stream()
                    .map(e -> AttributeDefinition.builder().attributeName(e.getKey()).attributeType(e.getValue()).build())
                    .toList();
            CreateGlobalSecondaryIndexAction.Builder create = CreateGlobalSecondaryIndexAction.builder()
                    .indexName(index.indexName()).keySchema(keys(index.keySchema())).projection(projection(index));
            if (!onDemand) {
                create.provisionedThroughput(throughput());
            }
            dynamoDb.updateTable(b -> b.tableName(name).attributeDefinitions(attributes)
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(create.build()).build()));
            dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(name));
        }
    }

    private void enableTtl(String table, String attribute) {
        TimeToLiveStatus status = dynamoDb.describeTimeToLive(b -> b.tableName(table))
                .timeToLiveDescription().timeToLiveStatus();
        if (status != TimeToLiveStatus.ENABLED && status != TimeToLiveStatus.ENABLING) {
            dynamoDb.updateTimeToLive(b -> b.tableName(table)
                    .timeToLiveSpecification(s -> s.attributeName(attribute).enabled(true)));
        }
    }

    private static GlobalSecondaryIndex globalIndex(TableDefinition.SecondaryIndex index, boolean onDemand) {
        GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                .indexName(index.indexName()).keySchema(keys(index.keySchema())).projection(projection(index));
        if (!onDemand) {
            gsi.provisionedThroughput(throughput());
        }
        return gsi.build();
    }

    private static List<KeySchemaElement> keys(List<TableDefinition.KeyElement> keys) {
        return keys.stream()
                .map(k -> KeySchemaElement.builder().attributeName(k.attributeName()).keyType(k.keyType()).build())
                .toList();
    }

    private static Projection projection(TableDefinition.SecondaryIndex index) {
        Projection.Builder projection = Projection.builder().projectionType(index.projectionType());
        if (!index.nonKeyAttributes().isEmpty()) {
            projection.nonKeyAttributes(index.nonKeyAttributes());
        }
        return projection.build();
    }

    private static ProvisionedThroughput throughput() {
        return ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(5L).build();
    }

    // ------------------------------------------------------------------ SQS

    /** Queues ordered so that every dead-letter queue is created before the queues that redrive into it. */
    static List<QueueDefinition> dlqFirst(SamTemplate template) {
        Map<String, QueueDefinition> all = template.queues();
        List<QueueDefinition> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        for (QueueDefinition queue : all.values()) {
            place(queue, all, ordered, placed, new LinkedHashSet<>());
        }
        return ordered;
    }

    private static void place(QueueDefinition queue, Map<String, QueueDefinition> all, List<QueueDefinition> ordered,
            Set<String> placed, Set<String> visiting) {
        if (placed.contains(queue.logicalId())) {
            return;
        }
        if (!visiting.add(queue.logicalId())) {
            throw new IllegalArgumentException("Redrive policies form a cycle through " + visiting);
        }
        if (queue.deadLetterQueueLogicalId().isPresent()) {
            QueueDefinition dlq = all.get(queue.deadLetterQueueLogicalId().get());
            if (dlq == null) {
                throw new IllegalArgumentException(queue.logicalId() + " redrives to "
                        + queue.deadLetterQueueLogicalId().get() + ", which is not a queue in the template");
            }
            place(dlq, all, ordered, placed, visiting);
        }
        ordered.add(queue);
        placed.add(queue.logicalId());
    }

    private LocalResources.Queue createQueue(QueueDefinition queue, String name, Map<String, LocalResources.Queue> created) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        queue.visibilityTimeout().ifPresent(v -> attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(v)));
        queue.messageRetentionPeriod().ifPresent(v -> attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, String.valueOf(v)));
        queue.delaySeconds().ifPresent(v -> attributes.put(QueueAttributeName.DELAY_SECONDS, String.valueOf(v)));
        queue.receiveMessageWaitTimeSeconds().ifPresent(v ->
                attributes.put(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, String.valueOf(v)));
        queue.maximumMessageSize().ifPresent(v -> attributes.put(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, String.valueOf(v)));
        if (queue.hasRedrivePolicy()) {
            LocalResources.Queue dlq = created.get(queue.deadLetterQueueLogicalId().get());
            if (dlq == null) {
                throw new IllegalStateException(queue.logicalId() + " redrives to a queue that was not created: "
                        + queue.deadLetterQueueLogicalId().get() + " (is its Condition false?)");
            }
            attributes.put(QueueAttributeName.REDRIVE_POLICY, redrivePolicy(dlq.arn(), queue.maxReceiveCount().orElse(10)));
        }
        Map<QueueAttributeName, String> createOnly = new HashMap<>();
        if (queue.fifo()) {
            createOnly.put(QueueAttributeName.FIFO_QUEUE, "true");
            if (queue.contentBasedDeduplication()) {
                attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");
            }
        }
        Map<QueueAttributeName, String> all = new HashMap<>(attributes);
        all.putAll(createOnly);
        String url;
        try {
            url = sqs.createQueue(b -> b.queueName(name).attributes(all)).queueUrl();
        } catch (QueueNameExistsException exists) {
            // Exists with other attributes (the template changed while the stack ran): adopt the template's.
            url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            String existingUrl = url;
            if (!attributes.isEmpty()) {
                sqs.setQueueAttributes(b -> b.queueUrl(existingUrl).attributes(attributes));
            }
        }
        String queueUrl = url;
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new LocalResources.Queue(queue.logicalId(), name, url, arn);
    }

    static String redrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {
        try {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("deadLetterTargetArn", deadLetterTargetArn);
            policy.put("maxReceiveCount", maxReceiveCount);
            return JSON.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ S3

    private String createBucket(String name) {
        try {
            s3.createBucket(b -> b.bucket(name));
        } catch (S3Exception e) {
            // 409 BucketAlreadyOwnedByYou / BucketAlreadyExists: kept from an earlier run.
            if (e.statusCode() != 409) {
                throw e;
            }
        }
        return name;
    }
}
