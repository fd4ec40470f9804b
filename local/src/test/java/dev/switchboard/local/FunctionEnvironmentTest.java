package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.emulators.AwsEndpoints;
import dev.switchboard.emulators.FunctionDefinition;
import dev.switchboard.emulators.IntrinsicResolver;
import dev.switchboard.emulators.LocalResources;
import dev.switchboard.emulators.SamTemplate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionEnvironmentTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(TestPaths.template());
    private static final Map<String, String> AWS = AwsEndpoints.localhost(8000, 9324, 9000).clientEnvironment();

    private static IntrinsicResolver resolver(Map<String, String> overrides) {
        Map<String, LocalResources.Queue> queues = new LinkedHashMap<>();
        TEMPLATE.queues().keySet().forEach(id -> queues.put(id, new LocalResources.Queue(id, id,
                "http://localhost:9324/000000000000/" + id, "arn:aws:sqs:us-east-1:000000000000:" + id)));
        return new IntrinsicResolver(TEMPLATE, overrides).withResources(new LocalResources(
                Map.of("SwitchboardTable", "SwitchboardTable"), queues, Map.of("RecordingsBucket", "recordingsbucket")));
    }

    private static Map<String, String> defaults() {
        return LocalDefaults.of("http://localhost:3000", "authtoken", "recordingstoken", "http://localhost:3001", "http://localhost:3002");
    }

    @Test
    void layersTemplateDefaultsUserAndAwsSettings() {
        FunctionDefinition fn = TEMPLATE.function("CrmSyncFunction").orElseThrow();
        Map<String, String> user = Map.of("BUSINESS_NAME", "Test Garage", "AWS_ACCESS_KEY_ID", "AKIAREALKEY",
                "AWS_SESSION_TOKEN", "real-session", "AWS_PROFILE", "prod", "CRM_PASSWORD_PARAMETER", "/mine",
                "AWS_ENDPOINT_URL_SSM", "http://elsewhere");

        Map<String, String> env = FunctionEnvironment.build(fn, resolver(Map.of()), defaults(), user, AWS);

        assertThat(env)
                .containsEntry("TABLE_NAME", "SwitchboardTable")                      // template
                .containsEntry("QUEUE_URL", "http://localhost:9324/000000000000/CrmQueue")
                .containsEntry("TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000") // local default
                .containsEntry("TWILIO_API_BASE_URL", "http://localhost:3001")
                .containsEntry("CRM_KIND", "none")
                .containsEntry("BUSINESS_NAME", "Test Garage")                        // user
                .containsEntry("CRM_PASSWORD_PARAMETER", "/mine")                      // user-set _PARAMETER kept
                .containsEntry("AWS_ACCESS_KEY_ID", "local")                           // emulators win
                .containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000")
                .containsEntry("SWITCHBOARD_LOCAL", "true")
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "CrmSyncFunction")
                .containsEntry("SWITCHBOARD_LOCAL_CLOCK", "movable")
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")               // its own MemorySize
                .doesNotContainKeys("AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL_SSM",
                        "CRM_API_KEY_PARAMETER", "TWILIO_AUTH_TOKEN_PARAMETER", "LINES_PARAMETER");
    }

    @Test
    void anExplicitParameterOverrideBeatsTheLocalDefault() {
        // A function that reads BusinessName (each function's environment holds only the settings it reads).
        FunctionDefinition fn = TEMPLATE.function("IncomingCallFunction").orElseThrow();
        Map<String, String> env = FunctionEnvironment.build(fn,
                resolver(Map.of("BusinessName", "Override Motors")), defaults(), Map.of(), AWS);
        assertThat(env).containsEntry("BUSINESS_NAME", "Override Motors")
                .containsEntry("TWILIO_FORWARD_TO", "+19045550177");
    }
}
