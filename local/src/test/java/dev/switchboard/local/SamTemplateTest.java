package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.emulators.FunctionDefinition;
import dev.switchboard.emulators.HttpApiRoute;
import dev.switchboard.emulators.IntrinsicResolver;
import dev.switchboard.emulators.LocalResources;
import dev.switchboard.emulators.QueueDefinition;
import dev.switchboard.emulators.SamTemplate;
import dev.switchboard.emulators.SqsEventSource;
import dev.switchboard.emulators.TableDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real template.yaml: parsing, Globals merge and intrinsic resolution. */
class SamTemplateTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(TestPaths.template());

    private static LocalResources fakeResources() {
        Map<String, LocalResources.Queue> queues = new LinkedHashMap<>();
        TEMPLATE.queues().keySet().forEach(id -> queues.put(id, new LocalResources.Queue(id, id,
                "http://localhost:9324/000000000000/" + id, "arn:aws:sqs:us-east-1:000000000000:" + id)));
        return new LocalResources(Map.of("SwitchboardTable", "SwitchboardTable"), queues,
                Map.of("RecordingsBucket", "recordingsbucket"));
    }

    @Test
    void readsFunctionsRoutesAndEventSources() {
        assertThat(TEMPLATE.functions()).containsKeys("HealthFunction", "IncomingCallFunction",
                "RecordingArchiverFunction", "SmsSenderFunction");
        FunctionDefinition health = TEMPLATE.function("HealthFunction").orElseThrow();
        assertThat(health.handlerClass()).isEqualTo("dev.switchboard.health.HealthHandler");
        assertThat(health.handlerMethod()).isEqualTo("handleRequest");
        assertThat(health.codeUri()).isEqualTo("functions/health/target/lambda/health.jar");
        assertThat(health.httpApiRoutes()).extracting(HttpApiRoute::routeKey).containsExactly("GET /health");
        assertThat(health.httpApiRoutes().get(0).apiLogicalId()).contains("SwitchboardApi");

        assertThat(TEMPLATE.function("RecordingsApiFunction").orElseThrow().httpApiRoutes())
                .extracting(HttpApiRoute::routeKey)
                .containsExactly("GET /recordings", "GET /recordings/{RecordingSid}");

        SqsEventSource archive = TEMPLATE.function("RecordingArchiverFunction").orElseThrow().sqsEventSources().get(0);
        assertThat(archive.queueLogicalId()).isEqualTo("ArchiveQueue");
        assertThat(archive.batchSize()).isEqualTo(2);
        assertThat(archive.reportsBatchItemFailures()).isTrue();
        assertThat(TEMPLATE.consumerOf("CrmQueue")).map(FunctionDefinition::logicalId).contains("CrmSyncFunction");
    }

    @Test
    void mergesGlobalsTheWaySamDoes() {
        FunctionDefinition health = TEMPLATE.function("HealthFunction").orElseThrow();
        assertThat(health.memorySize()).isEqualTo(512);   // function overrides
        assertThat(health.timeoutSeconds()).isEqualTo(5);
        FunctionDefinition incoming = TEMPLATE.function("IncomingCallFunction").orElseThrow();
        assertThat(incoming.memorySize()).isEqualTo(1024); // from Globals
        assertThat(incoming.timeoutSeconds()).isEqualTo(10);
        assertThat(incoming.properties()).containsEntry("Runtime", "java21");

        FunctionDefinition dial = TEMPLATE.function("DialStatusFunction").orElseThrow();
        assertThat(dial.environment()).containsKeys("STAGE", "TABLE_NAME", "TWILIO_AUTH_TOKEN_PARAMETER",
                "MISSED_CALL_TEXT_WINDOW_HOURS", "VOICEMAIL_MAX_SECONDS");
        assertThat(dial.environment().get("STAGE")).isEqualTo(Map.of("Ref", "Stage"));
        assertThat(health.environment()).containsKey("TABLE_NAME").doesNotContainKey("MISSED_CALL_TEXT_WINDOW_HOURS");
    }

    @Test
    void readsTablesQueuesAndBuckets() {
        TableDefinition table = TEMPLATE.tables().get("SwitchboardTable");
        assertThat(table.keySchema()).extracting(TableDefinition.KeyElement::attributeName).containsExactly("pk", "sk");
        assertThat(table.globalSecondaryIndexes()).extracting(TableDefinition.SecondaryIndex::indexName).containsExactly("gsi1");
        assertThat(table.ttlAttribute()).contains("expiresAt");
        assertThat(table.billingMode()).isEqualTo("PAY_PER_REQUEST");

        QueueDefinition archive = TEMPLATE.queues().get("ArchiveQueue");
        assertThat(archive.visibilityTimeout()).hasValue(1800);
        assertThat(archive.messageRetentionPeriod()).hasValue(1209600);
        assertThat(archive.deadLetterQueueLogicalId()).contains("ArchiveDeadLetterQueue");
        assertThat(archive.maxReceiveCount()).hasValue(8);
        assertThat(TEMPLATE.queues().get("ArchiveDeadLetterQueue").hasRedrivePolicy()).isFalse();
        assertThat(TEMPLATE.buckets()).containsKey("RecordingsBucket");
    }

    @Test
    void resolvesEnvironmentsAndOutputs() {
        IntrinsicResolver resolver = new IntrinsicResolver(TEMPLATE).withResources(fakeResources());
        Map<String, String> env = resolver.environment(TEMPLATE.function("RecordingArchiverFunction").orElseThrow());
        assertThat(env)
                .containsEntry("STAGE", "dev")
                .containsEntry("TABLE_NAME", "SwitchboardTable")
                .containsEntry("RECORDINGS_BUCKET", "recordingsbucket")
                .containsEntry("QUEUE_URL", "http://localhost:9324/000000000000/ArchiveQueue")
                .containsEntry("TWILIO_AUTH_TOKEN_PARAMETER", "/switchboard/dev/twilio-auth-token")
                .containsEntry("TWILIO_API_KEY_SID", "")
                .containsEntry("TWILIO_API_BASE_URL", "https://api.twilio.com")
                .containsEntry("DELETE_FROM_TWILIO_AFTER_ARCHIVE", "false")
                .containsEntry("TWILIO_ACCOUNT_SID", "");
        // Each function carries only the settings it reads: the archiver sends no texts and greets nobody.
        assertThat(resolver.environment(TEMPLATE.function("SmsSenderFunction").orElseThrow()))
                .containsEntry("SMS_QUEUE_URL", "http://localhost:9324/000000000000/SmsQueue")
                .containsEntry("BUSINESS_NAME", "Mechanic St. Augustine");

        assertThat(resolver.condition("IsProd")).isFalse();
        assertThat(resolver.condition("HasPublicBaseUrl")).isFalse();
        assertThat(resolver.condition("HasRetention")).isFalse();
        assertThat(resolver.isCreated("AlarmEmailSubscription")).isFalse();

        Map<?, ?> outputs = (Map<?, ?>) TEMPLATE.document().get("Outputs");
        Object voiceUrl = ((Map<?, ?>) outputs.get("VoiceWebhookUrl")).get("Value");
        assertThat(resolver.resolveString(voiceUrl)).isEqualTo("https://local.execute-api.us-east-1.amazonaws.com/twilio/voice");
        assertThat(resolver.resolveString(((Map<?, ?>) outputs.get("ArchiveDeadLetterQueueArn")).get("Value")))
                .isEqualTo("arn:aws:sqs:us-east-1:000000000000:ArchiveDeadLetterQueue");
    }

    @Test
    void parameterOverridesFlowThroughConditionsAndSub() {
        IntrinsicResolver resolver = new IntrinsicResolver(TEMPLATE, Map.of("Stage", "prod",
                "PublicBaseUrl", "https://phone.example.com", "UseTwilioApiKey", "true", "TwilioApiKeySid", "SK123",
                "RecordingRetentionDays", "30")).withResources(fakeResources());
        Map<String, String> env = resolver.environment(TEMPLATE.function("IncomingCallFunction").orElseThrow());
        assertThat(env).containsEntry("STAGE", "prod")
                .containsEntry("PUBLIC_BASE_URL", "https://phone.example.com")
                .containsEntry("LINES_PARAMETER", "/switchboard/prod/lines")
                .containsEntry("TWILIO_API_KEY_SID", "SK123")
                .containsEntry("TWILIO_API_KEY_SECRET_PARAMETER", "/switchboard/prod/twilio-api-key-secret");
        assertThat(resolver.condition("IsProd")).isTrue();
        assertThat(resolver.condition("HasRetention")).isTrue();
        Map<?, ?> outputs = (Map<?, ?>) TEMPLATE.document().get("Outputs");
        assertThat(resolver.resolveString(((Map<?, ?>) outputs.get("QuoteUrl")).get("Value")))
                .isEqualTo("https://phone.example.com/quote");
        Object lifecycle = TEMPLATE.resources().get("RecordingsBucket").properties().get("LifecycleConfiguration");
        assertThat(resolver.resolve(lifecycle).toString()).contains("expire-recordings", "ExpirationInDays=30");
        assertThat(resolver.referencedParameters(TEMPLATE.function("IncomingCallFunction").orElseThrow().environment()
                .get("PUBLIC_BASE_URL_PARAMETER"))).containsExactly("Stage");
        assertThat(List.copyOf(resolver.parameterOverrides().keySet())).contains("Stage");
    }
}
