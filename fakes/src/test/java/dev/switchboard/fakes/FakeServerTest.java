package dev.switchboard.fakes;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.fakes.ses.FakeSes;
import dev.switchboard.fakes.twilio.FakeTwilio;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeServerTest {

    @Test
    void eachFakeSaysWhereItListensAndStopsOnClose() {
        FakeServer twilio = FakeTwilio.start(wireMockConfig().dynamicPort());
        FakeServer ses = FakeSes.start(wireMockConfig().dynamicPort());
        for (FakeServer fake : List.of(twilio, ses)) {
            assertThat(fake.server().isRunning()).isTrue();
            assertThat(fake.port()).isPositive().isEqualTo(fake.server().port());
            assertThat(fake.baseUrl()).isEqualTo("http://localhost:" + fake.port());
            fake.close();
            assertThat(fake.server().isRunning()).isFalse();
        }
    }
}
