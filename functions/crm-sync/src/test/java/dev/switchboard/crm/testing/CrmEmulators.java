package dev.switchboard.crm.testing;

import dev.switchboard.emulators.AwsEmulators;
import dev.switchboard.emulators.IntrinsicResolver;
import dev.switchboard.emulators.LocalResources;
import dev.switchboard.emulators.Provisioner;
import dev.switchboard.emulators.SamTemplate;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.testing.TwilioEvents;

/**
 * DynamoDB Local and ElasticMQ in this JVM with the template's table and queues: real AWS emulators for
 * the worker's tests (only the CRM is a fake).
 */
public final class CrmEmulators implements AutoCloseable {

    private final AwsEmulators aws;
    private final LocalResources resources;

    private CrmEmulators() {
        aws = AwsEmulators.startInMemory();
        SamTemplate template = SamTemplate.load(TwilioEvents.projectRoot().resolve("template.yaml"));
        resources = new Provisioner(aws.dynamoDb(), aws.sqs(), aws.s3()).provision(new IntrinsicResolver(template));
    }

    public static CrmEmulators start() {
        return new CrmEmulators();
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
