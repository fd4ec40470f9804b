package dev.switchboard.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class AwsEmulatorsTest {

    @Test
    void startsAllThreeInMemoryAndStops() {
        try (AwsEmulators aws = AwsEmulators.startInMemory()) {
            assertThat(aws.clientEnvironment()).containsEntry("AWS_REGION", "us-east-1")
                    .containsEntry("AWS_ENDPOINT_URL_SQS", "http://localhost:" + aws.sqsPort());

            aws.dynamoDb().createTable(b -> b.tableName("things").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
            assertThat(aws.dynamoDb().listTables().tableNames()).containsExactly("things");

            String url = aws.sqs().createQueue(b -> b.queueName("q")).queueUrl();
            assertThat(url).isEqualTo("http://localhost:" + aws.sqsPort() + "/000000000000/q");
            aws.sqs().sendMessage(b -> b.queueUrl(url).messageBody("hello"));
            assertThat(aws.sqs().receiveMessage(b -> b.queueUrl(url)).messages()).hasSize(1);

            aws.s3().createBucket(b -> b.bucket("bucket"));
            aws.s3().putObject(b -> b.bucket("bucket").key("a/b.txt"), RequestBody.fromString("hi"));
            assertThat(aws.s3().getObjectAsBytes(b -> b.bucket("bucket").key("a/b.txt")).asUtf8String())
                    .isEqualTo("hi");
        }
    }
}
