package dev.switchboard.fakes.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Twilio's Recordings resource as far as Switchboard uses it: the media ({@code GET .../Recordings/{Sid}.mp3}
 * or {@code .wav}: a bundled one-second file) and {@code DELETE .../Recordings/{Sid}.json} (204; Basic auth
 * required).
 */
public final class TwilioRecordings implements TwilioResource {

    /** Name of the deletion stub, for listeners that want to report deletions. */
    public static final String DELETE_STUB = "twilio-recording-delete";
    private static final String RECORDING = "/2010-04-01/Accounts/[A-Za-z0-9]+/Recordings/[A-Za-z0-9]+";

    @Override
    public void stub(WireMockServer server) {
        server.stubFor(get(urlPathMatching(RECORDING + "\\.mp3")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "audio/mpeg").withBody(bundled("mp3"))));
        server.stubFor(get(urlPathMatching(RECORDING + "\\.wav")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "audio/x-wav").withBody(bundled("wav"))));
        server.stubFor(delete(urlPathMatching(RECORDING + "(\\.json)?")).atPriority(10)
                .withHeader("Authorization", matching("(?i)basic .+"))
                .withName(DELETE_STUB)
                .willReturn(aResponse().withStatus(204)));
        server.stubFor(delete(urlPathMatching(RECORDING + "(\\.json)?")).atPriority(11)
                .willReturn(TwilioJson.json(401, TwilioJson.error(401, 20003, "Authenticate"))));
    }

    private static byte[] bundled(String extension) {
        try (InputStream in = TwilioRecordings.class.getResourceAsStream("recording." + extension)) {
            if (in == null) {
                throw new IllegalStateException("The bundled recording." + extension + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
