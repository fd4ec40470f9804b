package dev.switchboard.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class AwsEmulatorsTest {

    @Test
    void allThreeListenOnTheLoopbackInterfaceOnly() throws Exception {
        InetAddress external = externalAddress();
        Assumptions.assumeTrue(external != null, "this machine has no non-loopback IPv4 address to try");
        try (AwsEmulators aws = AwsEmulators.startInMemory()) {
            for (int port : List.of(aws.dynamoDbPort(), aws.sqsPort(), aws.s3Port())) {
                assertThat(connects(InetAddress.getLoopbackAddress(), port)).as("127.0.0.1:" + port).isTrue();
                assertThat(connects(external, port)).as(external.getHostAddress() + ":" + port).isFalse();
            }
        }
    }

    @Test
    void queuedMessagesSurviveARestartWithADataDirectory(@TempDir Path data) {
        String url;
        try (AwsEmulators aws = AwsEmulators.builder().dataDirectory(data).start()) {
            url = aws.sqs().createQueue(b -> b.queueName("jobs").attributes(
                    Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
            aws.sqs().sendMessage(b -> b.queueUrl(url).messageBody("queued before the stop"));
        }
        try (AwsEmulators aws = AwsEmulators.builder().dataDirectory(data).start()) {
            String again = aws.sqs().getQueueUrl(b -> b.queueName("jobs")).queueUrl();
            assertThat(aws.sqs().getQueueAttributes(b -> b.queueUrl(again).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                    .attributes()).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "30");
            List<Message> messages = aws.sqs().receiveMessage(b -> b.queueUrl(again).waitTimeSeconds(1)).messages();
            assertThat(messages).extracting(Message::body).containsExactly("queued before the stop");
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static InetAddress externalAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address;
                    }
                }
            }
        }
        return null;
    }

    @Test
    void startsAllThreeInMemoryAndStops() {
        try (AwsEmulators aws = AwsEmulators.startInMemory()) {
            assertThat(aws.clientEnvironment()).containsEntry("AWS_REGION", "us-east-1")
                    .containsEntry("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:" + aws.sqsPort());

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
