package dev.switchboard.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.RecordingRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the recordings API shows, with the table and the bucket in memory. */
class RecordingsServiceTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);
    static final String SID = "RE22222222222222222222222222222222";
    static final String CALL = "CA11111111111111111111111111111111";

    final Map<String, Map<String, AttributeValue>> recordings = new HashMap<>();
    final List<String> presigned = new ArrayList<>();
    RuntimeException transcriptOutage;

    final RecordingsService service = new RecordingsService(new RecordingCatalog() {
        @Override
        public RecordingRecords.Page page(Instant from, Instant to, Optional<String> number, int limit,
                                          Optional<Map<String, AttributeValue>> startKey, int maxReads) {
            return new RecordingRecords.Page(List.copyOf(recordings.values()),
                    Optional.of(Map.of("pk", Item.s("REC#" + SID), "sk", Item.s("REC"), "gsi1pk", Item.s("RECORDINGS"),
                            "gsi1sk", Item.s("2026-11-22T20:00:00.000Z#" + SID))));
        }

        @Override
        public Optional<Map<String, AttributeValue>> recording(String recordingSid) {
            return Optional.ofNullable(recordings.get(recordingSid));
        }

        @Override
        public Optional<CallRecord> call(String callSid) {
            return Optional.of(new CallRecord(callSid, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of("2026-11-22T20:00:00Z"), Optional.of("completed"), Optional.of("inbound"),
                    Optional.of("forwarded"), Optional.of("no-answer"), Optional.empty(), Optional.of(47L), false,
                    false, true));
        }
    }, new RecordingFiles() {
        @Override
        public String presignedGet(String bucket, String key, String contentType, Duration lifetime) {
            presigned.add(bucket + "/" + key + " " + contentType + " " + lifetime);
            return "https://" + bucket + ".s3.amazonaws.com/" + key + "?X-Amz-Signature=x";
        }

        @Override
        public String readText(String bucket, String key, int maxBytes) {
            if (transcriptOutage != null) {
                throw transcriptOutage;
            }
            assertThat(maxBytes).isEqualTo(RecordingsService.MAX_TRANSCRIPT_BYTES);
            return "Caller: my brakes squeal.";
        }
    }, "recordings-bucket", Duration.ofMinutes(10), CLOCK);

    void archived(Map<String, AttributeValue> extra) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("recordingSid", Item.s(SID), "callSid", Item.s(CALL),
                "status", Item.s("archived"), "s3Key", Item.s("recordings/2026/11/22/" + CALL + "/" + SID + ".mp3"),
                "transcriptStatus", Item.s("completed"), "transcriptTextKey", Item.s("transcripts/x.txt")));
        item.putAll(extra);
        recordings.put(SID, item);
    }

    @Test
    void aRecordingComesWithItsCallAnAudioLinkThatExpiresAndItsTranscript() {
        archived(Map.of("contentType", Item.s("audio/wav")));
        ObjectNode detail = service.detail(SID).orElseThrow();
        assertThat(detail.get("audio").get("url").asText()).startsWith("https://recordings-bucket.s3.amazonaws.com/");
        assertThat(detail.get("audio").get("expiresAt").asText()).isEqualTo("2026-11-23T15:10:00Z");
        assertThat(presigned).containsExactly("recordings-bucket/recordings/2026/11/22/" + CALL + "/" + SID
                + ".mp3 audio/wav PT10M");
        assertThat(detail.get("call").get("dialOutcome").asText()).isEqualTo("no-answer");
        assertThat(detail.get("call").get("durationSeconds").asLong()).isEqualTo(47);
        assertThat(detail.get("call").get("voicemailLeft").asBoolean()).isTrue();
        assertThat(detail.get("transcript").get("text").asText()).isEqualTo("Caller: my brakes squeal.");
    }

    @Test
    void theLinkPointsAtTheBucketTheRecordingWasArchivedToAsMp3ByDefault() {
        archived(Map.of("s3Bucket", Item.s("older-bucket")));
        service.detail(SID);
        assertThat(presigned).singleElement().asString().startsWith("older-bucket/").contains(" audio/mpeg ");
    }

    @Test
    void aTranscriptThatCannotBeReadIsLeftOut() {
        archived(Map.of());
        transcriptOutage = new IllegalStateException("bucket unreachable");
        ObjectNode detail = service.detail(SID).orElseThrow();
        assertThat(detail.get("transcript").get("status").asText()).isEqualTo("completed");
        assertThat(detail.get("transcript").has("text")).isFalse();
        assertThat(detail.has("audio")).isTrue();
    }

    @Test
    void aRecordingNotYetArchivedHasNoLink() {
        recordings.put(SID, Map.of("recordingSid", Item.s(SID), "status", Item.s("queued")));
        assertThat(service.detail(SID).orElseThrow().has("audio")).isFalse();
        assertThat(presigned).isEmpty();
    }

    @Test
    void anUnknownOrMalformedSidIsNotFound() {
        assertThat(service.detail("RE0")).isEmpty();
        assertThat(service.detail("../etc/passwd")).isEmpty();
    }

    @Test
    void aPageCarriesACursorThatReadsBackToWhereItStopped() {
        archived(Map.of());
        ObjectNode page = service.list(ListQuery.parse(Map.of(), ZoneOffset.UTC, CLOCK.instant()));
        assertThat(page.get("recordings")).hasSize(1);
        String cursor = page.get("nextCursor").asText();
        assertThat(Cursors.decode(cursor)).containsEntry("gsi1sk", Item.s("2026-11-22T20:00:00.000Z#" + SID));
    }
}
