package dev.switchboard.bench;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** "Storage stubbed" for warm benchmarks: accepts writes and counts them, so only our code is measured. */
final class InMemoryDynamoDb implements DynamoDbClient {

    final AtomicLong updates = new AtomicLong();

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        updates.incrementAndGet();
        return UpdateItemResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }
}
