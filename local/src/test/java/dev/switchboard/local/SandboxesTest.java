package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.fakes.ses.FakeSes;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class SandboxesTest {

    @Test
    void aSandboxListensOnTheAddressAskedFor() {
        try (FakeSes ses = Sandboxes.listen("The SES sandbox", "127.0.0.1", 0, FakeSes::start)) {
            assertThat(ses.port()).isPositive();
            assertThat(ses.server().getOptions().bindAddress()).isEqualTo("127.0.0.1");
            assertThat(ses.server().getOptions().containerThreads()).isEqualTo(10);
        }
    }

    @Test
    void aPortInUseIsOneErrorNamingTheSandboxAndTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Sandboxes.listen("The SES sandbox", "127.0.0.1", port, FakeSes::start))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("The SES sandbox could not listen on 127.0.0.1:" + port + ": ");
        }
    }
}
