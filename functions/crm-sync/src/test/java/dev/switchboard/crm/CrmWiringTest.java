package dev.switchboard.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.crm.testing.Jobs;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Env;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.queue.JobAttempt;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.testing.CapturedLogs;
import dev.switchboard.shared.testing.UnreachableAws;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.event.Level;
import org.junit.jupiter.api.Test;

class CrmWiringTest {

    static final String KEY = "k-0123456789abcdef";
    static final String PASSWORD = "hunter2-but-longer";
    static final Table TABLE = new Table(DynamoDbClients.create(UnreachableAws.settings(), Duration.ofMillis(200)), "t");

    static Map<String, String> rukovoditel() {
        Map<String, String> env = new HashMap<>(Map.of(
                "QUEUE_URL", "http://127.0.0.1:9/000000000000/CrmQueue",
                "DEAD_LETTER_QUEUE_URL", "http://127.0.0.1:9/000000000000/CrmDeadLetterQueue",
                "TABLE_NAME", "t",
                "CRM_KIND", "rukovoditel",
                "CRM_API_URL", "https://crm.example.com/api/rest.php",
                "CRM_USERNAME", "switchboard-api",
                "CRM_API_KEY", KEY,
                "CRM_PASSWORD", PASSWORD,
                "CRM_LEAD_ENTITY_ID", "34",
                "CRM_FIELD_MAP", "{\"name\":201,\"phone\":202}"));
        env.put("AWS_REGION", "us-east-1");
        return env;
    }

    static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> env = new HashMap<>(base);
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return env;
    }

    static CrmJobProcessor processor(Map<String, String> env) {
        Settings settings = Settings.of(env);
        return CrmWiring.processor(settings.orDefault("CRM_KIND", "none"), settings, TABLE, Clock.systemUTC());
    }

    @Test
    void aCompleteRukovoditelConfigurationWires() {
        assertThat(processor(rukovoditel())).isInstanceOf(LeadSynchronizer.class);
        assertThat(processor(with(with(with(rukovoditel(), "CRM_KIND", "webhook"), "CRM_WEBHOOK_URL",
                "https://hooks.example.com/catch/1/abc/?token=x"), "CRM_WEBHOOK_SECRET", "s")))
                .isInstanceOf(LeadSynchronizer.class);
    }

    @Test
    void eachMissingOrWrongSettingFailsWithOneLineNamingItAndNoSecret() {
        assertMisconfigured(with(rukovoditel(), "CRM_API_URL", null), "CRM_API_URL is required when CRM_KIND=rukovoditel");
        assertMisconfigured(with(rukovoditel(), "CRM_API_URL", "crm.example.com/api/rest.php"), "CRM_API_URL must be an absolute");
        assertMisconfigured(with(rukovoditel(), "CRM_USERNAME", null), "CRM_USERNAME is required");
        assertMisconfigured(with(rukovoditel(), "CRM_LEAD_ENTITY_ID", "leads"), "CRM_LEAD_ENTITY_ID must be a positive");
        assertMisconfigured(with(rukovoditel(), "CRM_FIELD_MAP", "{\"name\":201}"), "must map \"phone\"");
        assertMisconfigured(with(rukovoditel(), "CRM_FIELD_MAP", null), "CRM_FIELD_MAP is required");
        assertMisconfigured(with(rukovoditel(), "CRM_API_KEY", null), "CRM_API_KEY is required");
        assertMisconfigured(with(with(rukovoditel(), "CRM_PASSWORD", null), "CRM_PASSWORD_PARAMETER",
                "/switchboard/dev/crm-password"), "CRM_PASSWORD_PARAMETER names /switchboard/dev/crm-password, which does not exist");
        assertMisconfigured(with(rukovoditel(), "BUSINESS_TIME_ZONE", "Eastern"), "BUSINESS_TIME_ZONE must be a time zone id");
        assertMisconfigured(with(rukovoditel(), "LEAD_MERGE_WINDOW_DAYS", "0"), "LEAD_MERGE_WINDOW_DAYS must be between 1 and 3650");
        assertMisconfigured(with(rukovoditel(), "CRM_TIMEOUT_SECONDS", "30"), "CRM_TIMEOUT_SECONDS must be between 1 and 12");
        assertMisconfigured(with(rukovoditel(), "CRM_KIND", "hubspot"), "CRM_KIND must be none, rukovoditel or webhook");
        Map<String, String> webhook = with(rukovoditel(), "CRM_KIND", "webhook");
        assertMisconfigured(webhook, "CRM_WEBHOOK_URL is required when CRM_KIND=webhook");
        assertMisconfigured(with(webhook, "CRM_WEBHOOK_URL", "https://hooks.example.com/x"), "CRM_WEBHOOK_SECRET is required");
    }

    @Test
    void theTemplateDefaultAcknowledgesEachJobWithOneInfoLine() {
        CrmWiring wiring = CrmWiring.from(Settings.of(with(with(rukovoditel(), "CRM_KIND", null), "TABLE_NAME", null)));
        assertThat(wiring.processor()).isInstanceOf(CrmNotConfigured.class);
        assertThat(wiring.queues().queueUrl()).endsWith("/CrmQueue");
        try (CapturedLogs logs = CapturedLogs.start()) {
            wiring.processor().process(Jobs.call("CA1", Jobs.CALLER, "2026-11-02T14:00:00Z", "missed"), new JobAttempt("m1", 1));
            assertThat(logs.lines()).hasSize(1);
            assertThat(logs.at(Level.INFO)).singleElement().satisfies(line -> assertThat(line.text())
                    .contains("CRM not configured (CRM_KIND=none)").contains("call:CA1").contains("+1******0123")
                    .doesNotContain(Jobs.CALLER));
        }
        assertThatThrownBy(() -> CrmWiring.from(Settings.of(with(rukovoditel(), "CRM_KIND", "salesforce"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CRM_KIND must be none");
    }

    @Test
    void messagesNameWhereASecretLivesNeverItsValue() {
        assertThat(CrmWiring.source(Env.of(Map.of("CRM_API_KEY_PARAMETER", "/switchboard/prod/crm-api-key")), "CRM_API_KEY"))
                .isEqualTo("/switchboard/prod/crm-api-key (CRM_API_KEY_PARAMETER)");
        assertThat(CrmWiring.source(Env.of(Map.of("CRM_API_KEY", KEY, "CRM_API_KEY_PARAMETER", "/p")), "CRM_API_KEY"))
                .isEqualTo("CRM_API_KEY");
        assertThat(CrmWiring.source(Env.of(Map.of("CRM_PASSWORD_SECRET_ID", "crm/password")), "CRM_PASSWORD"))
                .isEqualTo("the secret crm/password (CRM_PASSWORD_SECRET_ID)");
        assertThat(CrmWiring.newLeadRef()).matches("SB-[0-9A-F]{12}");
    }

    static void assertMisconfigured(Map<String, String> env, String message) {
        assertThatThrownBy(() -> processor(env)).isInstanceOf(ConfigException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain(PASSWORD).doesNotContain("\n"));
    }

    @Test
    void anApiKeyRotatedInSsmIsUsedByTheNextCallAndTheEmojiSettingIsRead() {
        try (dev.switchboard.crm.testing.FakeRukovoditel crm = new dev.switchboard.crm.testing.FakeRukovoditel(
                KEY, "switchboard-api", PASSWORD)) {
            Map<String, String> ssm = new java.util.concurrent.ConcurrentHashMap<>(Map.of("/sb/crm-key", KEY));
            dev.switchboard.shared.config.ParameterStore store = new dev.switchboard.shared.config.ParameterStore() {
                @Override
                public java.util.Optional<String> parameter(String name) {
                    return java.util.Optional.ofNullable(ssm.get(name));
                }

                @Override
                public java.util.Optional<String> secret(String secretId) {
                    return java.util.Optional.empty();
                }
            };
            Map<String, String> env = with(with(with(rukovoditel(), "CRM_API_KEY", null), "CRM_API_KEY_PARAMETER",
                    "/sb/crm-key"), "CRM_API_URL", crm.apiUrl());
            env.put("CRM_REPLACE_EMOJI", "false");
            CrmClient client = CrmWiring.client("rukovoditel", new Settings(Env.of(env), store), Clock.systemUTC());
            dev.switchboard.crm.lead.LeadText text = new dev.switchboard.crm.lead.LeadText(java.time.ZoneId.of("UTC"));
            java.util.function.Supplier<dev.switchboard.crm.lead.LeadPush> lead = () -> dev.switchboard.crm.lead.LeadPush.of(
                    new dev.switchboard.crm.lead.LeadMerge(Duration.ofDays(30), text).apply(null,
                            new dev.switchboard.shared.jobs.CrmSyncJob.Quote("L1", "2026-11-02T14:00:00Z", dev.switchboard.crm.testing.Jobs.CALLER, null, "Jo \uD83D\uDE97", null, null, null, null, null),
                            java.time.Instant.parse("2026-11-02T14:00:00Z"), () -> "SB-1"), text, 0, null);
            client.insert(lead.get());
            crm.changeApiKey("rotated-key-0123456789");
            assertThatThrownBy(() -> client.insert(lead.get()))
                    .isInstanceOf(dev.switchboard.shared.queue.PermanentJobFailure.class).hasMessageContaining("API Key");
            ssm.put("/sb/crm-key", "rotated-key-0123456789");
            client.insert(lead.get());
            assertThat(crm.records()).hasSize(2);
            // CRM_REPLACE_EMOJI=false: the 3-byte store keeps "????" for the emoji.
            assertThat(crm.records().values()).allSatisfy(fields -> assertThat(fields.get("201")).isEqualTo("Jo ????"));
        }
    }
}
