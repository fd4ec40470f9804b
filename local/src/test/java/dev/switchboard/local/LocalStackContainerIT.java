package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testcontainers.containers.localstack.LocalStackContainer.Service.DYNAMODB;
import static org.testcontainers.containers.localstack.LocalStackContainer.Service.S3;
import static org.testcontainers.containers.localstack.LocalStackContainer.Service.SQS;

import dev.switchboard.emulators.AwsEndpoints;
import dev.switchboard.emulators.IntrinsicResolver;
import dev.switchboard.emulators.LocalResources;
import dev.switchboard.emulators.Provisioner;
import dev.switchboard.emulators.SamTemplate;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The same Provisioner against LocalStack, a second opinion on the template's resources. Needs a Docker
 * engine; without one the class is reported as skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackContainerIT {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices(DYNAMODB, SQS, S3);

    @Test
    void provisionsTheTemplatesResourcesInLocalStack() {
        AwsEndpoints endpoints = new AwsEndpoints(LOCALSTACK.getEndpointOverride(DYNAMODB),
                LOCALSTACK.getEndpointOverride(SQS), LOCALSTACK.getEndpointOverride(S3), LOCALSTACK.getRegion(),
                LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey());
        SamTemplate template = SamTemplate.load(TestPaths.template());

        LocalResources resources = Provisioner.provision(endpoints, new IntrinsicResolver(template));
        LocalResources again = Provisioner.provision(endpoints, new IntrinsicResolver(template));

        assertThat(again.queues()).isEqualTo(resources.queues());
        try (DynamoDbClient dynamoDb = endpoints.newDynamoDbClient();
             SqsClient sqs = endpoints.newSqsClient();
             S3Client s3 = endpoints.newS3Client()) {
            assertThat(dynamoDb.describeTable(b -> b.tableName("SwitchboardTable")).table().globalSecondaryIndexes()).hasSize(1);
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(resources.queueUrl("ArchiveQueue"))
                    .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY))
                    .contains("ArchiveDeadLetterQueue");
            assertThat(s3.listBuckets().buckets()).anyMatch(b -> b.name().equals("recordingsbucket"));
        }
    }
}
