package dev.switchboard.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SdkSystemPropertiesTest {

    @Test
    void theLatestOpenHolderWinsAndClosingTheLastRestoresWhatWasThere() {
        System.setProperty("aws.region", "eu-west-1");
        System.clearProperty("aws.endpointUrlSqs");
        try {
            SdkSystemProperties first = SdkSystemProperties.apply(AwsEndpoints.localhost(1, 2, 3));
            assertThat(System.getProperty("aws.endpointUrlSqs")).isEqualTo("http://127.0.0.1:2");
            assertThat(System.getProperty("aws.region")).isEqualTo("us-east-1");
            assertThat(System.getProperty("aws.accessKeyId")).isEqualTo("local");

            SdkSystemProperties second = SdkSystemProperties.apply(AwsEndpoints.localhost(4, 5, 6));
            assertThat(System.getProperty("aws.endpointUrlSqs")).isEqualTo("http://127.0.0.1:5");
            first.close();   // out of order: the second one is still up
            assertThat(System.getProperty("aws.endpointUrlSqs")).isEqualTo("http://127.0.0.1:5");
            second.close();
            second.close();

            assertThat(System.getProperty("aws.endpointUrlSqs")).isNull();
            assertThat(System.getProperty("aws.region")).isEqualTo("eu-west-1");
        } finally {
            System.clearProperty("aws.region");
        }
    }
}
