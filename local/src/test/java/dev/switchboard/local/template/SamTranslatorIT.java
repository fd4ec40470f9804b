package dev.switchboard.local.template;

import static dev.switchboard.local.template.DeployedTemplate.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.switchboard.emulators.FunctionDefinition;
import dev.switchboard.emulators.IntrinsicResolver;
import dev.switchboard.emulators.TemplateParameter;
import dev.switchboard.shared.json.Json;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * template.yaml through the real AWS SAM translator (python3 with aws-sam-translator, what {@code sam deploy}
 * runs): a deploy that changes a parameter publishes new versions of exactly the functions that read it (SAM
 * names a version after a hash; aws/serverless-application-model#3820), a code change still publishes, an
 * unchanged deploy publishes nothing, and the roles SAM generates are the scoped ones. Skipped, saying so,
 * where the translator is not installed ({@code pip install aws-sam-translator}).
 */
class SamTranslatorIT {

    /** Valid values different from each parameter's default (the rest get a changed copy of their default). */
    private static final Map<String, String> CHANGED = Map.ofEntries(
            Map.entry("TwilioAccountSid", "AC" + "1".repeat(32)),
            Map.entry("TwilioForwardTo", "+19045550100"),
            Map.entry("TwilioCallerId", "+19045550101"),
            Map.entry("TwilioSmsFrom", "+19045550102"),
            Map.entry("TwilioMessagingServiceSid", "MG" + "2".repeat(32)),
            Map.entry("CiServiceSid", "GA" + "3".repeat(32)),
            Map.entry("PublicBaseUrl", "https://phone.example.com"),
            Map.entry("LinesJson", "{\"+19045550200\":{\"forwardTo\":\"+19045550177\",\"screen\":true}}"),
            Map.entry("RecordingRetentionDays", "30"),
            Map.entry("AlarmEmail", "owner@example.com"));

    private static final Set<String> READERS_OF_LINES = Set.of("IncomingCallFunction", "DialStatusFunction",
            "CallScreeningFunction", "CallStatusFunction", "SmsIncomingFunction", "QuoteFunction", "SmsSenderFunction",
            "TranscriberFunction", "OwnerAlertsFunction", "DailySummaryFunction", "NotifyFunction",
            "NotifySweeperFunction", "InboxFunction", "OutboundCallFunction");

    private static Map<String, Translation> translations;
    /** Why the translator could not run here, if it could not. */
    private static String unavailable;

    record Translation(Map<String, String> versions, Map<String, Role> policies) {
    }

    record Role(List<Map<String, Object>> statements, List<Object> managedPolicyArns) {
    }

    @BeforeAll
    static void translate() throws URISyntaxException {
        Path root = DeployedTemplate.FILE.getParent();
        ExternalCommand.Run probe = ExternalCommand.run(List.of("python3", "-c",
                "import samtranslator; print(samtranslator.__version__)"), root, Map.of(), "");
        if (probe == null || probe.exitCode() != 0) {
            unavailable = "python3 with aws-sam-translator is not installed here (pip install aws-sam-translator):"
                    + " the template was NOT translated" + (probe == null ? "" : " (" + probe.stderr().strip() + ")");
            return;
        }

        List<Map<String, Object>> scenarios = new ArrayList<>();
        scenarios.add(Map.of("name", "base"));
        scenarios.add(Map.of("name", "base again"));
        scenarios.add(Map.of("name", "code:IncomingCallFunction", "code", Map.of("IncomingCallFunction", "new-jar-hash")));
        for (TemplateParameter parameter : TEMPLATE.parameters().values()) {
            changedValue(parameter).ifPresent(value -> scenarios.add(Map.of("name", "parameter:" + parameter.name(),
                    "parameters", Map.of(parameter.name(), value))));
        }
        String request = Json.write(Map.of("template", DeployedTemplate.FILE.toString(), "scenarios", scenarios));
        Path script = Path.of(SamTranslatorIT.class.getResource("/template/sam_translate.py").toURI());
        ExternalCommand.Run run = ExternalCommand.run(List.of("python3", script.toString()), root, Map.of(), request);
        assertThat(run.exitCode()).as("sam_translate.py failed:\n" + run.stderr()).isZero();
        try {
            translations = Json.MAPPER.readValue(run.stdout(), new TypeReference<Map<String, Translation>>() { });
        } catch (java.io.IOException e) {
            throw new AssertionError("sam_translate.py printed no JSON: " + run.stdout() + run.stderr(), e);
        }
    }

    @BeforeEach
    void needsTheTranslator() {
        assumeTrue(unavailable == null, unavailable);
    }

    private static Optional<String> changedValue(TemplateParameter parameter) {
        if (CHANGED.containsKey(parameter.name())) {
            return Optional.of(CHANGED.get(parameter.name()));
        }
        String current = parameter.defaultValue().orElse("");
        if (!parameter.allowedValues().isEmpty()) {
            return parameter.allowedValues().stream().filter(v -> !v.equals(current)).findFirst();
        }
        return Optional.of(current.startsWith("http") ? "https://changed.example.com" : current + "-changed");
    }

    /** The functions whose published version id differs from the base deploy's. */
    private static Set<String> republished(String scenario) {
        Translation base = translations.get("base");
        Translation changed = translations.get(scenario);
        assertThat(changed).as("scenario " + scenario).isNotNull();
        assertThat(changed.versions().keySet()).isEqualTo(TEMPLATE.functions().keySet());
        Set<String> functions = new TreeSet<>();
        base.versions().forEach((fn, version) -> {
            if (!version.equals(changed.versions().get(fn))) {
                functions.add(fn);
            }
        });
        return functions;
    }

    @Test
    void anUnchangedDeployPublishesNothing() {
        assertThat(republished("base again")).isEmpty();
    }

    @Test
    void changingTwilioForwardToPublishesTheFunctionsThatRingOrTextTheOwner() {
        assertThat(republished("parameter:TwilioForwardTo")).isEqualTo(READERS_OF_LINES);
    }

    @Test
    void changingLinesJsonPublishesTheFunctionsThatReadLines() {
        assertThat(republished("parameter:LinesJson")).isEqualTo(READERS_OF_LINES);
    }

    @Test
    void changingParametersNoFunctionReadsPublishesNothing() {
        assertThat(republished("parameter:LogRetentionDays")).isEmpty();
        assertThat(republished("parameter:AlarmEmail")).isEmpty();
        assertThat(republished("parameter:RecordingRetentionDays")).isEmpty();
        assertThat(republished("parameter:CrmKind")).containsExactly("CrmSyncFunction");
        assertThat(republished("parameter:WhisperModel")).containsExactly("TranscriberFunction");
    }

    @Test
    void aCodeChangeStillPublishes() {
        assertThat(republished("code:IncomingCallFunction")).containsExactly("IncomingCallFunction");
    }

    @TestFactory
    Stream<DynamicTest> changingAnyParameterPublishesExactlyTheFunctionsThatReadIt() {
        return TEMPLATE.parameters().values().stream().filter(p -> changedValue(p).isPresent()).map(p -> dynamicTest(p.name(), () -> {
            Set<String> readers = new TreeSet<>();
            for (FunctionDefinition fn : TEMPLATE.functions().values()) {
                if (DeployedTemplate.parametersRead(fn).contains(p.name())) {
                    readers.add(fn.logicalId());
                }
            }
            assertThat(republished("parameter:" + p.name())).as("functions republished when " + p.name() + " changes")
                    .isEqualTo(readers);
        }));
    }

    // ------------------------------------------------------------------ the roles SAM generates

    private static List<String> grants(String function, String actionPrefix) {
        IntrinsicResolver resolver = DeployedTemplate.resolver();
        List<String> grants = new ArrayList<>();
        for (Map<String, Object> statement : translations.get("base").policies().get(function).statements()) {
            for (String action : DeployedTemplate.actions(statement)) {
                if (action.startsWith(actionPrefix)) {
                    DeployedTemplate.resources(statement, resolver).forEach(r -> grants.add(action + " " + r));
                }
            }
        }
        return grants;
    }

    /** What AWS's AWSLambdaSQSQueueExecutionRole allows, on every resource ("*"), besides writing logs. */
    private static final List<String> SQS_EXECUTION_ROLE_ACTIONS = List.of("sqs:ReceiveMessage", "sqs:DeleteMessage",
            "sqs:GetQueueAttributes");
    private static final String BASIC_EXECUTION_ROLE = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    private static final String SQS_EXECUTION_ROLE = "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole";

    /** The queues a role may use {@code action} on: its Allow grants and managed policies, less its Denies. */
    private static Set<String> effectiveQueues(String function, String action) {
        Role role = translations.get("base").policies().get(function);
        IntrinsicResolver resolver = DeployedTemplate.resolver();
        Set<String> allowed = new TreeSet<>();
        if (role.managedPolicyArns().contains(SQS_EXECUTION_ROLE) && SQS_EXECUTION_ROLE_ACTIONS.contains(action)) {
            allowed.add("*");
        }
        for (String grant : grants(function, "sqs:")) {
            String granted = grant.substring(0, grant.indexOf(' '));
            if (granted.equals(action) || (granted.endsWith("*") && action.startsWith(granted.substring(0, granted.length() - 1)))) {
                allowed.add(grant.substring(grant.indexOf(' ') + 1));
            }
        }
        for (Map<String, Object> statement : role.statements()) {
            if ("Deny".equals(statement.get("Effect")) && DeployedTemplate.actions(statement).contains(action)) {
                Object except = resolver.resolve(statement.get("NotResource"));
                Set<String> onlyThese = new TreeSet<>(except instanceof List<?> list
                        ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(except)));
                allowed = allowed.contains("*") ? onlyThese : new TreeSet<>(allowed.stream().filter(onlyThese::contains).toList());
            }
        }
        return allowed;
    }

    @TestFactory
    Stream<DynamicTest> queueWorkersReceiveAndDeleteOnlyOnTheirOwnQueue() {
        return TEMPLATE.functions().values().stream().map(fn -> dynamicTest(fn.logicalId(), () -> {
            Set<String> own = new TreeSet<>();
            fn.sqsEventSources().forEach(s -> own.add("arn:aws:sqs:us-east-1:000000000000:" + s.queueLogicalId()));
            for (String action : List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility")) {
                assertThat(effectiveQueues(fn.logicalId(), action)).as(fn.logicalId() + " may " + action + " on").isEqualTo(own);
            }
        }));
    }

    @Test
    void theTranscribersRoleWritesOnlyTranscriptsAndReadsOnlyRecordingsAndConfig() {
        assertThat(grants("TranscriberFunction", "s3:")).containsExactlyInAnyOrder(
                "s3:GetObject arn:aws:s3:::recordingsbucket/recordings/*",
                "s3:GetObject arn:aws:s3:::recordingsbucket/config/*",
                "s3:PutObject arn:aws:s3:::recordingsbucket/transcripts/*");
    }

    @TestFactory
    Stream<DynamicTest> everyRoleReadsOnlyNamedParametersAndHasOnlyTheLambdaManagedPolicies() {
        return TEMPLATE.functions().values().stream().map(fn -> dynamicTest(fn.logicalId(), () -> {
            assertThat(grants(fn.logicalId(), "ssm:")).as(fn.logicalId() + " SSM grants").allSatisfy(grant ->
                    assertThat(grant).matches("ssm:GetParameters? arn:aws:ssm:us-east-1:000000000000:parameter/switchboard/dev/[a-z0-9-]+"));
            List<Object> managed = translations.get("base").policies().get(fn.logicalId()).managedPolicyArns();
            if (fn.isQueueWorker()) {
                assertThat(managed).containsExactlyInAnyOrder(BASIC_EXECUTION_ROLE, SQS_EXECUTION_ROLE);
            } else {
                assertThat(managed).containsExactly(BASIC_EXECUTION_ROLE);
            }
        }));
    }
}
