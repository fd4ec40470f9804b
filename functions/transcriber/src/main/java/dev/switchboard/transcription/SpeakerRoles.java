package dev.switchboard.transcription;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who said each sentence. A voicemail is the caller alone. A dual-channel call recording
 * ({@code record-from-answer-dual}) has the caller (the parent call) on channel 1 and the business (the
 * forwarded leg) on channel 2; an engine that numbers channels from 0 is recognised by a channel 0 and no
 * channel 2. Anything else (a mono call recording, Whisper's single stream of a call) is unknown.
 */
public final class SpeakerRoles {

    private SpeakerRoles() {
    }

    public static List<TranscriptSentence> assign(List<TranscriptSentence> sentences, Integer channels,
                                                  String recordingKind) {
        List<TranscriptSentence> out = new ArrayList<>();
        if ("voicemail".equals(recordingKind)) {
            sentences.forEach(s -> out.add(s.withSpeaker(Speaker.CALLER)));
            return out;
        }
        Set<Integer> heard = sentences.stream().map(TranscriptSentence::channel).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        boolean dual = (channels != null && channels == 2) || (channels == null && heard.size() == 2);
        if (!dual) {
            sentences.forEach(s -> out.add(s.withSpeaker(Speaker.UNKNOWN)));
            return out;
        }
        boolean zeroBased = heard.contains(0) && !heard.contains(2);
        int callerChannel = zeroBased ? 0 : 1;
        int businessChannel = zeroBased ? 1 : 2;
        for (TranscriptSentence s : sentences) {
            Speaker who = s.channel() == null ? Speaker.UNKNOWN
                    : s.channel() == callerChannel ? Speaker.CALLER
                    : s.channel() == businessChannel ? Speaker.BUSINESS
                    : Speaker.UNKNOWN;
            out.add(s.withSpeaker(who));
        }
        return out;
    }
}
