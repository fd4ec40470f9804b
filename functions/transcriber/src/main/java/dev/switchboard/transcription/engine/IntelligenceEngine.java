package dev.switchboard.transcription.engine;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.intelligence.v2.Transcript;
import dev.switchboard.shared.phone.E164;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Twilio Conversational Intelligence: creates a transcript of the recording ({@code POST /v2/Transcripts}
 * with {@code ServiceSid}, {@code Channel} and {@code CustomerKey} = the CallSid) and returns at once;
 * Twilio calls {@code /twilio/intelligence} when it is ready. The media is the Twilio recording itself
 * ({@code media_properties.source_sid}), or, when it was deleted from Twilio after archiving, a presigned
 * S3 link ({@code media_properties.media_url}). A dual-channel call recording names its participants:
 * channel 1 the caller (Customer), channel 2 the business (Agent).
 *
 * <p>Cannot take: recordings of SignalWire calls (UUID SIDs, or a SignalWire REST base URL: SignalWire has
 * no Conversational Intelligence), and recordings Twilio keeps in external storage (error 95118).
 */
public final class IntelligenceEngine implements TranscriptionEngine {

    private static final Pattern TWILIO_RECORDING_SID = Pattern.compile("RE[0-9a-fA-F]{32}");

    private final TwilioRestClient client;
    private final String serviceSid;
    private final MediaUrls mediaUrls;
    private final Duration mediaUrlValidity;
    private final boolean signalWire;
    private final Clock clock;

    /**
     * @param mediaUrlValidity how long a presigned media URL stays valid (Intelligence fetches it when the
     *                         transcript job runs, normally within minutes)
     * @param signalWire       the account is SignalWire's compatibility API (no Intelligence)
     */
    public IntelligenceEngine(TwilioRestClient client, String serviceSid, MediaUrls mediaUrls, Duration mediaUrlValidity,
                              boolean signalWire, Clock clock) {
        this.client = client;
        this.serviceSid = serviceSid;
        this.mediaUrls = mediaUrls;
        this.mediaUrlValidity = mediaUrlValidity;
        this.signalWire = signalWire;
        this.clock = clock;
    }

    @Override
    public EngineName name() {
        return EngineName.TWILIO_INTELLIGENCE;
    }

    @Override
    public EngineResult transcribe(RecordingAudio audio) {
        if (signalWire) {
            return new EngineResult.CannotTake("SignalWire has no Conversational Intelligence");
        }
        if (!TWILIO_RECORDING_SID.matcher(audio.recordingSid()).matches()) {
            return new EngineResult.CannotTake("recording " + audio.recordingSid()
                    + " is not a Twilio recording (SignalWire SIDs are UUIDs)");
        }
        try {
            Transcript transcript = Transcript.creator(serviceSid, channel(audio))
                    .setCustomerKey(audio.callSid())
                    .create(client);
            return new EngineResult.Submitted(transcript.getSid());
        } catch (ApiException e) {
            if (TwilioFailures.transient_(e)) {
                throw TwilioFailures.retryLater("Conversational Intelligence could not create the transcript", e,
                        client, clock);
            }
            if (e.getCode() != null && e.getCode() == TwilioFailures.EXTERNAL_STORAGE) {
                return new EngineResult.CannotTake("Conversational Intelligence cannot read recordings kept in external"
                        + " storage (" + TwilioFailures.describe(e) + ")");
            }
            throw new EngineFailure("Conversational Intelligence refused the transcript: " + TwilioFailures.describe(e));
        } catch (ApiConnectionException e) {
            throw TwilioFailures.retryLater("Conversational Intelligence could not create the transcript", e);
        }
    }

    /** The {@code Channel} JSON object, as a map twilio-java serialises with Jackson. */
    Map<String, Object> channel(RecordingAudio audio) {
        Map<String, Object> media = new LinkedHashMap<>();
        if (audio.deletedFromTwilio()) {
            media.put("media_url", mediaUrls.presignedGet(audio.bucket(), audio.key(), mediaUrlValidity));
        } else {
            media.put("source_sid", audio.recordingSid());
        }
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("media_properties", media);
        if (audio.dualChannel()) {
            List<Map<String, Object>> participants = new ArrayList<>();
            participants.add(participant("caller", 1, "Customer", audio.from()));
            participants.add(participant("business", 2, "Agent", audio.line()));
            channel.put("participants", participants);
        }
        return channel;
    }

    private static Map<String, Object> participant(String userId, int channel, String role, String phone) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("user_id", userId);
        p.put("channel_participant", channel);
        p.put("role", role);
        if (E164.isE164(phone)) {
            p.put("media_participant_id", phone);
        }
        return p;
    }
}
