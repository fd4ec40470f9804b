package dev.switchboard.shared.testing;

import dev.switchboard.emulators.AwsEmulators;
import dev.switchboard.emulators.IntrinsicResolver;
import dev.switchboard.emulators.LocalResources;
import dev.switchboard.emulators.Provisioner;
import dev.switchboard.emulators.SamTemplate;
import dev.switchboard.shared.storage.Table;

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

    @Override
    public void close() {
        aws.close();
    }
}
