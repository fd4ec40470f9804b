package dev.switchboard.tools;

import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClientBuilder;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Reads a deployed stack's {@code Outputs} through CloudFormation's DescribeStacks, with the AWS
 * configuration of whoever ran {@code sam deploy}: the SDK's default credentials (environment, profile,
 * SSO...) and region ({@code --region}, else {@code AWS_REGION} or the profile's).
 */
final class StackOutputs implements AutoCloseable {

    private final CloudFormationClient cloudFormation;

    StackOutputs(CloudFormationClient cloudFormation) {
        this.cloudFormation = cloudFormation;
    }

    /** A client on the developer's own AWS configuration; {@code region} may be null. */
    static StackOutputs forRegion(String region) {
        CloudFormationClientBuilder builder = CloudFormationClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (region != null) {
            builder.region(Region.of(region));
        }
        return new StackOutputs(builder.build());
    }

    /** The value of output {@code key} of stack {@code stackName}; a clear message when there is none. */
    String value(String stackName, String key) {
        Stack stack;
        try {
            stack = cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().stream().findFirst()
                    .orElseThrow(() -> new IllegalStateException("CloudFormation knows no stack " + stackName));
        } catch (SdkException e) {
            throw new IllegalStateException("Could not read stack " + stackName + " from CloudFormation: "
                    + e.getMessage(), e);
        }
        return find(stack, key).orElseThrow(() -> new IllegalStateException("Stack " + stackName
                + " has no output " + key + "; is it a Switchboard stack?"));
    }

    static Optional<String> find(Stack stack, String key) {
        return stack.outputs().stream().filter(o -> key.equals(o.outputKey())).map(Output::outputValue).findFirst();
    }

    @Override
    public void close() {
        cloudFormation.close();
    }
}
