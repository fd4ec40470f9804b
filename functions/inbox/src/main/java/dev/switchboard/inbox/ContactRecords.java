package dev.switchboard.inbox;

import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.OptOuts;
import dev.switchboard.shared.storage.PrivateFiles;
import dev.switchboard.shared.storage.Table;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** What a customer's page reads besides the timeline: profile, opt-out, latest lead, recordings and their files. */
public interface ContactRecords {

    /** {@code CONTACT#<E.164>}/{@code PROFILE} (name, nameSource, leadId, crmId), written by the alerts side. */
    Optional<Map<String, AttributeValue>> profile(String phone);

    boolean optedOut(String phone);

    /** The customer's newest quote ({@code LEAD#}, found through {@code gsi1pk = PHONE#<E.164>}). */
    Optional<Map<String, AttributeValue>> latestLead(String phone);

    /** {@code REC#<sid>}. */
    Optional<Map<String, AttributeValue>> recording(String recordingSid);

    /** A presigned GET of an archived object. */
    String presignedGet(String bucket, String key, String contentType, Duration lifetime);

    /** The first {@code maxBytes} of a text object. */
    String readText(String bucket, String key, int maxBytes);

    static ContactRecords of(Table table, S3Presigner presigner, S3Client s3) {
        OptOuts optOuts = new OptOuts(table);
        PrivateFiles files = new PrivateFiles(presigner, s3);
        return new ContactRecords() {
            @Override
            public Optional<Map<String, AttributeValue>> profile(String phone) {
                return table.get("CONTACT#" + phone, "PROFILE");
            }

            @Override
            public boolean optedOut(String phone) {
                return !optOuts.canText(phone);
            }

            @Override
            public Optional<Map<String, AttributeValue>> latestLead(String phone) {
                return table.client().query(b -> b.tableName(table.name()).indexName(Table.GSI1)
                                .keyConditionExpression("#pk = :pk")
                                .expressionAttributeNames(Map.of("#pk", Table.GSI1_PK))
                                .expressionAttributeValues(Map.of(":pk", Item.s("PHONE#" + phone)))
                                .scanIndexForward(false).limit(1))
                        .items().stream().findFirst();
            }

            @Override
            public Optional<Map<String, AttributeValue>> recording(String recordingSid) {
                return table.get("REC#" + recordingSid, "REC");
            }

            @Override
            public String presignedGet(String bucket, String key, String contentType, Duration lifetime) {
                return files.presignedGet(bucket, key, contentType, lifetime);
            }

            @Override
            public String readText(String bucket, String key, int maxBytes) {
                return files.readText(bucket, key, maxBytes);
            }
        };
    }
}
