package dev.switchboard.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class ProvisionerTest {

    private static AwsEmulators aws;

    @BeforeAll
    static void start() {
        aws = AwsEmulators.startInMemory();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void createsTheTemplatesTablesQueuesAndBucketsIdempotently() {
        SamTemplate template = SamTemplate.load(Path.of("..", "template.yaml"));
        IntrinsicResolver resolver = new IntrinsicResolver(template);
        Provisioner provisioner = new Provisioner(aws.dynamoDb(), aws.sqs(), aws.s3());

        LocalResources first = provisioner.provision(resolver);
        LocalResources second = provisioner.provision(resolver);

        assertThat(second.tableNames()).isEqualTo(first.tableNames()).containsEntry("SwitchboardTable", "SwitchboardTable");
        assertThat(second.bucketNames()).containsEntry("RecordingsBucket", "recordingsbucket");
        assertThat(second.queues()).isEqualTo(first.queues());

        TableDescription table = aws.dynamoDb().describeTable(b -> b.tableName("SwitchboardTable")).table();
        assertThat(table.globalSecondaryIndexes()).extracting(g -> g.indexName()).containsExactly("gsi1");
        assertThat(aws.dynamoDb().describeTimeToLive(b -> b.tableName("SwitchboardTable")).timeToLiveDescription())
                .satisfies(t -> {
                    assertThat(t.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
                    assertThat(t.attributeName()).isEqualTo("expiresAt");
                });

        LocalResources.Queue archive = second.queue("ArchiveQueue");
        assertThat(archive.name()).isEqualTo("ArchiveQueue");
        assertThat(archive.arn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:ArchiveQueue");
        Map<QueueAttributeName, String> attributes = aws.sqs().getQueueAttributes(b -> b.queueUrl(archive.url())
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(attributes).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "1800");
        assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                .contains("arn:aws:sqs:us-east-1:000000000000:ArchiveDeadLetterQueue").contains("8");
        assertThat(aws.s3().listBuckets().buckets()).extracting(b -> b.name()).contains("recordingsbucket");
    }

    @Test
    void deadLetterQueuesComeFirst() {
        SamTemplate template = SamTemplate.parse("""
                Resources:
                  Work:
                    Type: AWS::SQS::Queue
                    Properties:
                      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dead.Arn, maxReceiveCount: 3}
                  Dead:
                    Type: AWS::SQS::Queue
                """);
        assertThat(Provisioner.dlqFirst(template)).extracting(QueueDefinition::logicalId).containsExactly("Dead", "Work");
    }
}
