package dev.switchboard.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/** DescribeStacks through the SDK's CloudFormation client, against a WireMock fake of its documented query API. */
class StackOutputsTest {

    private static final String BASE = "https://abc123.execute-api.us-east-1.amazonaws.com";

    private WireMockServer aws;
    private StackOutputs outputs;

    @BeforeEach
    void start() {
        aws = new WireMockServer(wireMockConfig().dynamicPort());
        aws.start();
        outputs = new StackOutputs(CloudFormationClient.builder()
                .endpointOverride(URI.create(aws.baseUrl()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build());
    }

    @AfterEach
    void stop() {
        outputs.close();
        aws.stop();
    }

    @Test
    void theOutputIsReadFromDescribeStacks() {
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeStacks"))
                .willReturn(xml(200, """
                        <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
                          <DescribeStacksResult><Stacks><member>
                            <StackName>switchboard-dev</StackName>
                            <StackStatus>UPDATE_COMPLETE</StackStatus>
                            <CreationTime>2026-11-01T10:00:00Z</CreationTime>
                            <Outputs>
                              <member><OutputKey>VoiceWebhookUrl</OutputKey><OutputValue>%s/twilio/voice</OutputValue></member>
                              <member><OutputKey>ApiBaseUrl</OutputKey><OutputValue>%s</OutputValue></member>
                            </Outputs>
                          </member></Stacks></DescribeStacksResult>
                          <ResponseMetadata><RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId></ResponseMetadata>
                        </DescribeStacksResponse>""".formatted(BASE, BASE))));

        assertThat(outputs.value("switchboard-dev", "ApiBaseUrl")).isEqualTo(BASE);

        aws.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("StackName=switchboard-dev"))
                .withHeader("Authorization", matching(".*Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/cloudformation/aws4_request.*")));
        assertThatThrownBy(() -> outputs.value("switchboard-dev", "NoSuchOutput"))
                .hasMessage("Stack switchboard-dev has no output NoSuchOutput; is it a Switchboard stack?");
    }

    @Test
    void aStackThatDoesNotExistIsAClearError() {
        aws.stubFor(post(urlEqualTo("/")).willReturn(xml(400, """
                <ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
                  <Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id nope does not exist</Message></Error>
                  <RequestId>5ccc7dcd-744c-11e5-be70-example</RequestId>
                </ErrorResponse>""")));

        assertThatThrownBy(() -> outputs.value("nope", "ApiBaseUrl"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Could not read stack nope from CloudFormation: Stack with id nope does not exist");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body);
    }
}
