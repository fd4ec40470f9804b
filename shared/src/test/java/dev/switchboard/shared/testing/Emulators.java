package dev.switchboard.shared.testing;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.emulators.AwsEmulators;
import dev.switchboard.emulators.IntrinsicResolver;
import dev.switchboard.emulators.LocalResources;
import dev.switchboard.emulators.Provisioner;
import dev.switchboard.emulators.SamTemplate;
import dev.switchboard.shared.storage.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * DynamoDB Local, ElasticMQ and s3proxy in this JVM with the template's table, queues and bucket: the real
 * AWS emulators for tests of code that talks to them (third parties are WireMock fakes).
 */
public final class Emulators implements AutoCloseable {

    private final AwsEmulators aws;
    private final LocalResources resources;

    private Emulators() {
        aws = AwsEmulators.startInMemory();
        SamTemplate template = SamTemplate.load(TwilioEvents.projectRoot().resolve("template.yaml"));
        resources = new Provisioner(aws.dynamoDb(), aws.sqs(), aws.s3()).provision(new IntrinsicResolver(template));
    }

    private static Emulators shared;

    public static Emulators start() {
        return new Emulators();
    }

    /**
     * One set of emulators for every test class in this JVM that asks (started on first use, stopped when the
     * JVM exits), so each class does not pay the start-up; tests keep apart by using keys of their own.
     */
    public static synchronized Emulators shared() {
        if (shared == null) {
            Emulators started = new Emulators();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            shared = started;
        }
        return shared;
    }

    /** The URL of one of the template's queues ({@code CrmQueue}, {@code SmsDeadLetterQueue}, ...). */
    public String queueUrl(String logicalId) {
        return resources.queueUrl(logicalId);
    }

    public AwsEmulators aws() {
        return aws;
    }

    public LocalResources resources() {
        return resources;
    }

    public Table table() {
        return new Table(aws.dynamoDb(), resources.tableName("SwitchboardTable"));
    }

    /**
     * Puts {@code bodies} on one of the template's queues and receives them, as Lambda's event source mapping
     * hands them to a worker: message ids, receipt handles, the receive count, the queue's ARN.
     */
    public SQSEvent delivered(String queueLogicalId, List<String> bodies) {
        String url = queueUrl(queueLogicalId);
        bodies.forEach(body -> aws.sqs().sendMessage(b -> b.queueUrl(url).messageBody(body)));
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        while (records.size() < bodies.size()) {
            for (Message m : aws.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages()) {
                SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                record.setMessageId(m.messageId());
                record.setReceiptHandle(m.receiptHandle());
                record.setBody(m.body());
                Map<String, String> attributes = new HashMap<>();
                m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
                record.setAttributes(attributes);
                record.setEventSource("aws:sqs");
                record.setEventSourceArn(resources.queueArn(queueLogicalId));
                records.add(record);
            }
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    @Override
    public void close() {
        aws.close();
    }
}
