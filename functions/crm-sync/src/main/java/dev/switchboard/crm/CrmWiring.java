package dev.switchboard.crm;

import dev.switchboard.crm.lead.LeadMerge;
import dev.switchboard.crm.lead.LeadPush;
import dev.switchboard.crm.lead.LeadText;
import dev.switchboard.crm.rukovoditel.FieldMap;
import dev.switchboard.crm.rukovoditel.RukovoditelAnswers;
import dev.switchboard.crm.rukovoditel.RukovoditelClient;
import dev.switchboard.crm.rukovoditel.RukovoditelCredentials;
import dev.switchboard.crm.rukovoditel.RukovoditelRequests;
import dev.switchboard.crm.webhook.WebhookClient;
import dev.switchboard.crm.webhook.WebhookSigner;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Env;
import dev.switchboard.shared.config.LiveSetting;
import dev.switchboard.shared.config.Priming;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.contacts.ContactProfiles;
import dev.switchboard.shared.http.HttpUrls;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.queue.WorkerQueues;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Table;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CRM worker's configuration ({@code CRM_KIND} and friends, see docs/crm.md) turned into clients, once
 * per container. Credentials are read through {@link Settings}: the environment, else the SSM parameter
 * named by {@code X_PARAMETER}, else the Secrets Manager secret named by {@code X_SECRET_ID}.
 */
public final class CrmWiring {

    public static final Duration DEFAULT_RETRY_BASE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofSeconds(9000);
    public static final Duration MAX_CRM_TIMEOUT = Duration.ofSeconds(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WorkerQueues queues;
    private final CrmJobProcessor processor;

    private CrmWiring(WorkerQueues queues, CrmJobProcessor processor) {
        this.queues = queues;
        this.processor = processor;
    }

    public WorkerQueues queues() {
        return queues;
    }

    public CrmJobProcessor processor() {
        return processor;
    }

    public static CrmWiring from(Settings settings) {
        WorkerQueues queues = WorkerQueues.fromSettings(settings,
                SqsClients.create(settings.aws(), Duration.ofSeconds(5)), DEFAULT_RETRY_BASE, DEFAULT_RETRY_MAX);
        String kind = settings.orDefault("CRM_KIND", "none").toLowerCase(Locale.ROOT);
        if (kind.equals("none")) {
            return new CrmWiring(queues, new CrmNotConfigured());
        }
        if (!kind.equals("rukovoditel") && !kind.equals("webhook")) {
            throw new ConfigException("CRM_KIND must be none, rukovoditel or webhook, got '" + kind + "'");
        }
        Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(5)),
                settings.required("TABLE_NAME"));
        return new CrmWiring(queues, processor(kind, settings, table, settings.clock()));
    }

    /** The processor for a CRM kind, on a given table: also what tests wire against the emulators. */
    public static CrmJobProcessor processor(String kind, Settings settings, Table table, Clock clock) {
        return processor(settings, table, client(kind, settings, clock), clock);
    }

    /** The processor around a given client (tests wrap the real one to simulate crashes). */
    public static LeadSynchronizer processor(Settings settings, Table table, CrmClient client, Clock clock) {
        LeadText text = new LeadText(zone(settings));
        LeadMerge merge = new LeadMerge(Duration.ofDays(settings.integer("LEAD_MERGE_WINDOW_DAYS", 30, 1, 3650)), text);
        return new LeadSynchronizer(new LeadLinks(table), merge, text, client, clock, CrmWiring::newLeadRef,
                CrmContacts.of(new ContactProfiles(table)));
    }

    /**
     * The CRM client for {@code CRM_KIND} {@code rukovoditel} or {@code webhook}. It is live: when a credential
     * (or any other CRM setting) read from SSM/Secrets Manager changes, the next call uses a client built from
     * the new values (the HTTP client is kept); a change that does not validate keeps the last good client.
     */
    public static CrmClient client(String kind, Settings settings, Clock clock) {
        zone(settings);
        settings.integer("LEAD_MERGE_WINDOW_DAYS", 30, 1, 3650);
        // At most 12 s: a batch of two jobs of two CRM calls each must fit in the function's 60 s timeout.
        Duration timeout = settings.seconds("CRM_TIMEOUT_SECONDS", Duration.ofSeconds(10), Duration.ofSeconds(1),
                MAX_CRM_TIMEOUT);
        HttpClient http = Priming.guard(HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), "the CRM");
        LiveSetting<CrmClient> client = settings.live(s -> switch (kind) {
            case "rukovoditel" -> rukovoditel(s, http, timeout, clock);
            case "webhook" -> webhook(s, http, timeout, clock);
            default -> throw new ConfigException("CRM_KIND must be none, rukovoditel or webhook, got '" + kind + "'");
        });
        return new LiveCrmClient(client);
    }

    /** Each call goes to the client built from the settings' current values. */
    private record LiveCrmClient(LiveSetting<CrmClient> current) implements CrmClient {
        @Override
        public String name() {
            return current.get().name();
        }

        @Override
        public String insert(LeadPush lead) {
            return current.get().insert(lead);
        }

        @Override
        public void update(String crmItemId, LeadPush lead) {
            current.get().update(crmItemId, lead);
        }

        @Override
        public Optional<String> findInserted(LeadPush lead, String previousCrmItemId) {
            return current.get().findInserted(lead, previousCrmItemId);
        }
    }

    private static CrmClient rukovoditel(Settings settings, HttpClient http, Duration timeout, Clock clock) {
        URI apiUrl = httpUrl("CRM_API_URL", settings.optional("CRM_API_URL").orElseThrow(() -> new ConfigException(
                "CRM_API_URL is required when CRM_KIND=rukovoditel: the installation's api/rest.php, e.g."
                        + " https://crm.example.com/api/rest.php")));
        String username = settings.optional("CRM_USERNAME").orElseThrow(() -> new ConfigException(
                "CRM_USERNAME is required when CRM_KIND=rukovoditel: the login of the API user (docs/crm.md)"));
        int entityId = positive("CRM_LEAD_ENTITY_ID", settings.optional("CRM_LEAD_ENTITY_ID").orElseThrow(() ->
                new ConfigException("CRM_LEAD_ENTITY_ID is required when CRM_KIND=rukovoditel: the id of the leads"
                        + " entity (docs/crm.md)")));
        FieldMap fields = FieldMap.parse(settings.optional("CRM_FIELD_MAP").orElseThrow(() -> new ConfigException(
                "CRM_FIELD_MAP is required when CRM_KIND=rukovoditel, e.g. {\"name\":201,\"phone\":202} (docs/crm.md)")));
        String apiKey = settings.secret("CRM_API_KEY");
        String password = settings.secret("CRM_PASSWORD");
        RukovoditelCredentials credentials = new RukovoditelCredentials(apiKey, username, password,
                source(settings.env(), "CRM_API_KEY"), source(settings.env(), "CRM_PASSWORD"));
        boolean replaceEmoji = settings.flag("CRM_REPLACE_EMOJI", true);
        return new RukovoditelClient(http, apiUrl, timeout, new RukovoditelRequests(credentials, entityId, fields, replaceEmoji),
                new RukovoditelAnswers(credentials.keySource(), credentials.passwordSource(), entityId, clock),
                new Redactor(List.of(apiKey, password)));
    }

    private static CrmClient webhook(Settings settings, HttpClient http, Duration timeout, Clock clock) {
        URI url = httpUrl("CRM_WEBHOOK_URL", settings.optional("CRM_WEBHOOK_URL").orElseThrow(() -> new ConfigException(
                "CRM_WEBHOOK_URL is required when CRM_KIND=webhook: the https address that receives lead events")));
        String secret = settings.secret("CRM_WEBHOOK_SECRET");
        return new WebhookClient(http, url, timeout, new WebhookSigner(secret), source(settings.env(), "CRM_WEBHOOK_SECRET"),
                new Redactor(List.of(secret)), clock);
    }

    /** Where a secret came from, for "what to fix" messages: never its value. */
    static String source(Env env, String name) {
        if (env.get(name).isPresent()) {
            return name;
        }
        if (env.get(name + "_PARAMETER").isPresent()) {
            return env.get(name + "_PARAMETER").get() + " (" + name + "_PARAMETER)";
        }
        return env.get(name + "_SECRET_ID").map(id -> "the secret " + id + " (" + name + "_SECRET_ID)").orElse(name);
    }

    static ZoneId zone(Settings settings) {
        String value = settings.orDefault("BUSINESS_TIME_ZONE", "America/New_York");
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new ConfigException("BUSINESS_TIME_ZONE must be a time zone id like America/New_York, got '" + value + "'");
        }
    }

    static URI httpUrl(String name, String value) {
        return HttpUrls.absolute(value).orElseThrow(() -> new ConfigException(name
                + " must be an absolute http(s) URL, got '" + value + "'"));
    }

    private static int positive(String name, String value) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed <= 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a positive whole number (an entity id), got '" + value + "'");
        }
    }

    /** {@code SB-} and 12 random hex digits: Switchboard's id for a lead. */
    static String newLeadRef() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "SB-" + HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
