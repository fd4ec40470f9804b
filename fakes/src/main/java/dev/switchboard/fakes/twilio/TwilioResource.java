package dev.switchboard.fakes.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;
import java.util.List;

/**
 * One Twilio REST resource on the fake: the WireMock extensions its stubs use, and the stubs. To fake
 * another Twilio API (the Calls API, say), write one of these from Twilio's documented shapes and add it
 * to the list {@link FakeTwilio#start} registers.
 */
public interface TwilioResource {

    /** Extensions (response transformers) the stubs name; registered before the server starts. */
    default List<Extension> extensions() {
        return List.of();
    }

    /** Adds the resource's stubs to a started server. */
    void stub(WireMockServer server);
}
