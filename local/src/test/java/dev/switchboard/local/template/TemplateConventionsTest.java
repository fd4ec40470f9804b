package dev.switchboard.local.template;

import static dev.switchboard.local.template.DeployedTemplate.TEMPLATE;
import static dev.switchboard.local.template.DeployedTemplate.actions;
import static dev.switchboard.local.template.DeployedTemplate.castMap;
import static dev.switchboard.local.template.DeployedTemplate.policyTemplates;
import static dev.switchboard.local.template.DeployedTemplate.resolver;
import static dev.switchboard.local.template.DeployedTemplate.resources;
import static dev.switchboard.local.template.DeployedTemplate.statements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.switchboard.emulators.FunctionDefinition;
import dev.switchboard.emulators.HttpApiRoute;
import dev.switchboard.emulators.IntrinsicResolver;
import dev.switchboard.emulators.QueueDefinition;
import dev.switchboard.emulators.TemplateResource;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What every function, queue and route of template.yaml must have, so that a function or queue added later
 * cannot forget it: its own log group kept LogRetentionDays, a new version whenever a setting it reads
 * changes, permissions scoped to what its code uses, alarms on every work queue and its DLQ, and outputs
 * naming every URL and queue an operator needs. (SamTranslatorIT checks the same template through the real
 * SAM translator; CfnLintIT runs cfn-lint.)
 */
class TemplateConventionsTest {

    private static final Set<String> ALLOWED_POLICY_TEMPLATES = Set.of("DynamoDBCrudPolicy", "DynamoDBReadPolicy",
            "SQSPollerPolicy", "SQSSendMessagePolicy");
    private static final Set<String> BUCKET_PREFIXES = Set.of("recordings", "transcripts", "config");
    private static final String SSM_ARN = "arn:aws:ssm:us-east-1:000000000000:parameter";
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:";
    private static final String BUCKET_ARN = "arn:aws:s3:::recordingsbucket";

    private static Stream<DynamicTest> perFunction(String what, java.util.function.Consumer<FunctionDefinition> check) {
        return TEMPLATE.functions().values().stream().map(fn -> dynamicTest(fn.logicalId() + " " + what, () -> check.accept(fn)));
    }

    // ------------------------------------------------------------------ logs

    @TestFactory
    Stream<DynamicTest> everyFunctionLogsToItsOwnGroupKeptLogRetentionDays() {
        Set<Object> groups = new HashSet<>();
        return perFunction("has its own log group", fn -> {
            Object loggingConfig = fn.properties().get("LoggingConfig");
            assertThat(loggingConfig).as(fn.logicalId() + " LoggingConfig").isInstanceOf(Map.class);
            Object group = ((Map<?, ?>) loggingConfig).get("LogGroup");
            assertThat(group).as(fn.logicalId() + " LoggingConfig.LogGroup").isInstanceOf(Map.class);
            String groupId = String.valueOf(((Map<?, ?>) group).get("Ref"));
            TemplateResource logGroup = TEMPLATE.resource(groupId).orElseThrow(() -> new AssertionError(
                    fn.logicalId() + " LoggingConfig.LogGroup must be !Ref of a log group in the template, got " + group));
            assertThat(logGroup.type()).isEqualTo("AWS::Logs::LogGroup");
            assertThat(groups.add(groupId)).as(groupId + " is used by one function only").isTrue();
        });
    }

    @Test
    void everyLogGroupKeepsLogRetentionDays() {
        List<TemplateResource> logGroups = TEMPLATE.resources().values().stream()
                .filter(r -> r.type().equals("AWS::Logs::LogGroup")).toList();
        assertThat(logGroups).hasSizeGreaterThan(TEMPLATE.functions().size());
        for (TemplateResource group : logGroups) {
            assertThat(group.properties().get("RetentionInDays")).as(group.logicalId() + " RetentionInDays")
                    .isEqualTo(Map.of("Ref", "LogRetentionDays"));
        }
    }

    // ------------------------------------------------------------------ versions

    @Test
    void versionHashOverrideCanOnlyBeEmpty() {
        var parameter = TEMPLATE.parameters().get("VersionHashOverride");
        assertThat(parameter.defaultValue()).contains("");
        assertThat(parameter.allowedValues()).containsExactly("");
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionPublishesANewVersionWhenASettingItReadsChanges() {
        return perFunction("hashes every parameter it reads into its version id", fn -> {
            assertThat(fn.properties()).as(fn.logicalId())
                    .containsEntry("AutoPublishAlias", "live")
                    .containsEntry("AutoPublishAliasAllProperties", true)
                    .containsEntry("AutoPublishCodeSha256", Map.of("Ref", "VersionHashOverride"));
            List<String> digest = DeployedTemplate.versionDigest(fn);
            assertThat(digest).as(fn.logicalId() + " Description must be !Select [0, [<text>, !Ref <parameter>...]]").isNotNull();
            assertThat(digest).as(fn.logicalId() + " digest lists each parameter once").doesNotHaveDuplicates();
            assertThat(new TreeSet<>(digest)).as(fn.logicalId() + " digest vs the parameters its settings come from")
                    .isEqualTo(new TreeSet<>(DeployedTemplate.parametersRead(fn)));
            String shown = resolver().resolveString(fn.properties().get("Description"));
            assertThat(shown.length()).as(fn.logicalId() + " description (Lambda allows 256 characters)").isLessThan(256);
        });
    }

    @Test
    void aCustomDomainReachesFunctionsThroughTheirEnvironment() {
        FunctionDefinition incoming = TEMPLATE.function("IncomingCallFunction").orElseThrow();
        assertThat(resolver().environment(incoming)).doesNotContainKey("PUBLIC_BASE_URL")
                .containsEntry("PUBLIC_BASE_URL_PARAMETER", "/switchboard/dev/public-base-url");
        assertThat(resolver(Map.of("PublicBaseUrl", "https://phone.example.com")).environment(incoming))
                .containsEntry("PUBLIC_BASE_URL", "https://phone.example.com");
        // LINES comes from the template's own SSM parameter by reference, so CloudFormation writes it before
        // it publishes the versions that read it.
        assertThat(incoming.environment().get("LINES_PARAMETER")).isEqualTo(Map.of("Ref", "LinesParameter"));
    }

    // ------------------------------------------------------------------ permissions

    @TestFactory
    Stream<DynamicTest> everyFunctionReadsExactlyTheSsmParametersItNames() {
        return perFunction("reads only its own SSM parameters", fn -> {
            for (String useApiKey : List.of("false", "true")) {
                IntrinsicResolver resolver = resolver(Map.of("UseTwilioApiKey", useApiKey, "TwilioApiKeySid", "SK123"));
                Set<String> named = new TreeSet<>();
                resolver.environment(fn).forEach((name, value) -> {
                    if (name.endsWith("_PARAMETER") && !value.isBlank()) {
                        named.add(SSM_ARN + value);
                    }
                });
                Set<String> granted = new TreeSet<>();
                for (Map<String, Object> statement : statements(fn)) {
                    if (actions(statement).stream().anyMatch(a -> a.startsWith("ssm:"))) {
                        assertThat(actions(statement)).as(fn.logicalId() + " SSM actions")
                                .containsExactlyInAnyOrder("ssm:GetParameter", "ssm:GetParameters");
                        granted.addAll(resources(statement, resolver));
                    }
                }
                assertThat(granted).as(fn.logicalId() + " SSM grants (UseTwilioApiKey=" + useApiKey + ") vs its *_PARAMETER variables")
                        .isEqualTo(named);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> secretsManagerOnlyWhereTheJarCarriesItsClient() {
        return perFunction("reads secrets only if it can", fn -> {
            boolean carriesClient;
            try {
                carriesClient = Files.readString(DeployedTemplate.FILE.getParent().resolve("functions")
                        .resolve(DeployedTemplate.module(fn)).resolve("pom.xml")).contains("powertools-parameters-secrets");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            IntrinsicResolver resolver = resolver();
            Set<String> expected = new TreeSet<>();
            if (carriesClient) {
                // The documented X_SECRET_ID option: secret switchboard/<stage>/<name> for the SSM parameter /switchboard/<stage>/<name>.
                resolver.environment(fn).forEach((name, value) -> {
                    if (name.endsWith("_PARAMETER") && !value.isBlank()) {
                        expected.add(SECRET_ARN + value.substring(1) + "-??????");
                    }
                });
            }
            Set<String> granted = new TreeSet<>();
            for (Map<String, Object> statement : statements(fn)) {
                if (actions(statement).stream().anyMatch(a -> a.startsWith("secretsmanager:"))) {
                    assertThat(actions(statement)).containsExactly("secretsmanager:GetSecretValue");
                    granted.addAll(resources(statement, resolver));
                }
            }
            assertThat(granted).as(fn.logicalId() + " Secrets Manager grants (jar carries the client: " + carriesClient + ")")
                    .isEqualTo(expected);
        });
    }

    @TestFactory
    Stream<DynamicTest> noFunctionIsGrantedWildcardsOrBroadPolicyTemplates() {
        return perFunction("has no broad grants", fn -> {
            assertThat(policyTemplates(fn).keySet()).as(fn.logicalId() + " SAM policy templates").isSubsetOf(ALLOWED_POLICY_TEMPLATES);
            for (Map<String, Object> statement : statements(fn)) {
                if (statement.get("Effect").equals("Deny")) {
                    continue;
                }
                assertThat(statement.get("Effect")).isEqualTo("Allow");
                assertThat(actions(statement)).as(fn.logicalId() + " actions").noneMatch(a -> a.contains("*"));
                for (String resource : resources(statement, resolver())) {
                    if (resource.contains("*")) {
                        assertThat(resource).as(fn.logicalId() + ": the only wildcard allowed is one bucket prefix")
                                .matches(BUCKET_ARN + "/(" + String.join("|", BUCKET_PREFIXES) + ")/\\*");
                    }
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> queueWorkersReceiveOnlyFromTheirOwnQueue() {
        return perFunction("receives only from its own queue", fn -> {
            Set<String> polled = new TreeSet<>();
            for (Object args : policyTemplates(fn).getOrDefault("SQSPollerPolicy", List.of())) {
                Object queueName = castMap(args).get("QueueName");
                polled.add(String.valueOf(((List<?>) castMap(queueName).get("Fn::GetAtt")).get(0)));
            }
            Set<String> consumed = new TreeSet<>();
            fn.sqsEventSources().forEach(s -> consumed.add(s.queueLogicalId()));
            assertThat(polled).as(fn.logicalId() + " SQSPollerPolicy queues vs its event sources").isEqualTo(consumed);
            // SAM attaches AWSLambdaSQSQueueExecutionRole (receive/delete on every queue) to a function with an
            // SQS event: a Deny on every other queue must take that back. Nothing else may name SQS actions.
            List<Map<String, Object>> sqsStatements = statements(fn).stream()
                    .filter(st -> actions(st).stream().anyMatch(a -> a.startsWith("sqs:"))).toList();
            if (consumed.isEmpty()) {
                assertThat(sqsStatements).as(fn.logicalId() + " SQS statements").isEmpty();
                return;
            }
            assertThat(sqsStatements).as(fn.logicalId() + " SQS statements").singleElement().satisfies(deny -> {
                assertThat(deny.get("Effect")).isEqualTo("Deny");
                assertThat(actions(deny)).containsExactlyInAnyOrder("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes");
                Set<String> exceptOwn = new TreeSet<>();
                consumed.forEach(q -> exceptOwn.add(resolver().resolveString(Map.of("Fn::GetAtt", List.of(q, "Arn")))));
                Object notResource = resolver().resolve(deny.get("NotResource"));
                assertThat(new TreeSet<>(notResource instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                        : List.of(String.valueOf(notResource)))).as(fn.logicalId() + " Deny except").isEqualTo(exceptOwn);
            });
        });
    }

    @Test
    void theTranscriberWritesOnlyTranscriptsAndReadsOnlyRecordingsAndConfig() {
        FunctionDefinition transcriber = TEMPLATE.function("TranscriberFunction").orElseThrow();
        assertThat(s3Grants(transcriber)).containsExactlyInAnyOrder(
                "s3:GetObject " + BUCKET_ARN + "/recordings/*",
                "s3:GetObject " + BUCKET_ARN + "/config/*",
                "s3:PutObject " + BUCKET_ARN + "/transcripts/*");
    }

    @Test
    void bucketAccessIsByPrefix() {
        assertThat(s3Grants(TEMPLATE.function("RecordingsApiFunction").orElseThrow())).containsExactlyInAnyOrder(
                "s3:GetObject " + BUCKET_ARN + "/recordings/*", "s3:GetObject " + BUCKET_ARN + "/transcripts/*");
        assertThat(s3Grants(TEMPLATE.function("QuoteFunction").orElseThrow()))
                .containsExactly("s3:GetObject " + BUCKET_ARN + "/config/*");
        assertThat(s3Grants(TEMPLATE.function("RecordingArchiverFunction").orElseThrow())).containsExactlyInAnyOrder(
                "s3:GetObject " + BUCKET_ARN + "/recordings/*", "s3:PutObject " + BUCKET_ARN + "/recordings/*",
                "s3:AbortMultipartUpload " + BUCKET_ARN + "/recordings/*", "s3:ListBucket " + BUCKET_ARN);
    }

    private static List<String> s3Grants(FunctionDefinition fn) {
        List<String> grants = new ArrayList<>();
        for (Map<String, Object> statement : statements(fn)) {
            for (String action : actions(statement)) {
                if (action.startsWith("s3:")) {
                    resources(statement, resolver()).forEach(r -> grants.add(action + " " + r));
                }
            }
        }
        return grants;
    }

    @Test
    void healthMayReadOneItemAndNothingElse() {
        FunctionDefinition health = TEMPLATE.function("HealthFunction").orElseThrow();
        assertThat(policyTemplates(health)).isEmpty();
        assertThat(statements(health)).singleElement().satisfies(statement -> {
            assertThat(actions(statement)).containsExactly("dynamodb:GetItem");
            assertThat(resources(statement, resolver())).containsExactly("arn:aws:dynamodb:us-east-1:000000000000:table/SwitchboardTable");
        });
    }

    // ------------------------------------------------------------------ queues and alarms

    @TestFactory
    Stream<DynamicTest> everyWorkQueueHasAgeRetryingAndDeadLetterAlarms() {
        return TEMPLATE.queues().values().stream().filter(QueueDefinition::hasRedrivePolicy).map(queue -> dynamicTest(
                queue.logicalId() + " alarms", () -> {
                    Map<String, Object> age = alarmOn(queue.logicalId(), "ApproximateAgeOfOldestMessage");
                    double threshold = Double.parseDouble(String.valueOf(age.get("Threshold")));
                    assertThat(threshold).as(queue.logicalId() + " age threshold (s)").isPositive()
                            .isLessThan(queue.messageRetentionPeriod().orElseThrow());
                    assertThat(age.get("Statistic")).isEqualTo("Maximum");

                    Map<String, Object> retrying = alarmOn(queue.logicalId(), "ApproximateNumberOfMessagesNotVisible");
                    assertThat(retrying.get("Statistic")).as("in flight through every period").isEqualTo("Minimum");
                    assertThat(String.valueOf(retrying.get("DatapointsToAlarm")))
                            .isEqualTo(String.valueOf(retrying.get("EvaluationPeriods")));

                    String dlq = queue.deadLetterQueueLogicalId().orElseThrow();
                    Map<String, Object> dead = alarmOn(dlq, "ApproximateNumberOfMessagesVisible");
                    assertThat(String.valueOf(dead.get("Threshold"))).isEqualTo("0");
                    assertThat(dead.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyWorkerKnowsItsQueuesMaxReceiveCount() {
        // The worker logs a job's last receive as an ERROR naming the cause; it can only tell which receive
        // is the last from QUEUE_MAX_RECEIVE_COUNT, which must therefore equal the queue's redrive policy.
        return TEMPLATE.queues().values().stream().filter(QueueDefinition::hasRedrivePolicy)
                .filter(queue -> TEMPLATE.consumerOf(queue.logicalId()).isPresent())
                .map(queue -> dynamicTest(queue.logicalId() + " maxReceiveCount", () -> {
                    FunctionDefinition worker = TEMPLATE.consumerOf(queue.logicalId()).orElseThrow();
                    assertThat(String.valueOf(worker.environment().get("QUEUE_MAX_RECEIVE_COUNT")))
                            .as(worker.logicalId() + " QUEUE_MAX_RECEIVE_COUNT")
                            .isEqualTo(String.valueOf(queue.maxReceiveCount().orElseThrow()));
                }));
    }

    private static Map<String, Object> alarmOn(String queue, String metric) {
        List<Map<String, Object>> alarms = TEMPLATE.resources().values().stream()
                .filter(r -> r.type().equals("AWS::CloudWatch::Alarm"))
                .map(TemplateResource::properties)
                .filter(p -> metric.equals(p.get("MetricName")) && "AWS/SQS".equals(p.get("Namespace")))
                .filter(p -> List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(queue, "QueueName"))))
                        .equals(p.get("Dimensions")))
                .toList();
        assertThat(alarms).as(metric + " alarm on " + queue).hasSize(1);
        Map<String, Object> alarm = alarms.get(0);
        assertThat(alarm.get("AlarmActions")).as(queue + " " + metric + " notifies the alarm topic")
                .isEqualTo(List.of(Map.of("Ref", "AlarmTopic")));
        return alarm;
    }

    // ------------------------------------------------------------------ outputs

    @Test
    void outputsNameEveryRouteUrl() {
        IntrinsicResolver resolver = resolver();
        Map<String, Object> outputs = castMap(TEMPLATE.document().get("Outputs"));
        String base = resolver.resolveString(castMap(outputs.get("ApiBaseUrl")).get("Value"));
        Set<String> urls = new LinkedHashSet<>();
        outputs.values().forEach(o -> urls.add(resolver.resolveString(castMap(o).get("Value"))));
        Set<String> missing = new TreeSet<>();
        for (HttpApiRoute route : TEMPLATE.httpApiRoutes()) {
            if (!urls.contains(base + route.path())) {
                missing.add(route.routeKey());
            }
        }
        assertThat(missing).as("routes without an output URL").isEmpty();
    }

    @Test
    void outputsNameEveryWorkerQueueNextToItsDeadLetterQueue() {
        IntrinsicResolver resolver = resolver();
        Map<String, Object> outputs = castMap(TEMPLATE.document().get("Outputs"));
        for (QueueDefinition queue : TEMPLATE.queues().values()) {
            if (TEMPLATE.consumerOf(queue.logicalId()).isEmpty()) {
                continue;
            }
            for (String id : List.of(queue.logicalId(), queue.deadLetterQueueLogicalId().orElseThrow())) {
                assertThat(outputs).as("outputs").containsKeys(id + "Url", id + "Arn");
                assertThat(resolver.resolveString(castMap(outputs.get(id + "Url")).get("Value")))
                        .isEqualTo("https://sqs.us-east-1.amazonaws.com/000000000000/" + id);
                assertThat(resolver.resolveString(castMap(outputs.get(id + "Arn")).get("Value")))
                        .isEqualTo("arn:aws:sqs:us-east-1:000000000000:" + id);
            }
        }
    }

    // ------------------------------------------------------------------ stages

    /** samconfig.toml's {@code parameter_overrides} per stage, as {@code sam deploy --config-env} passes them. */
    private static Map<String, Map<String, String>> samconfigStages() throws IOException {
        Map<String, Map<String, String>> stages = new TreeMap<>();
        String stage = null;
        for (String line : Files.readAllLines(DeployedTemplate.FILE.getParent().resolve("samconfig.toml"))) {
            Matcher section = Pattern.compile("^\\[(\\w+)\\.deploy\\.parameters]").matcher(line);
            if (section.find()) {
                stage = section.group(1);
            }
            if (stage != null && line.startsWith("parameter_overrides")) {
                String value = line.substring(line.indexOf('"') + 1, line.lastIndexOf('"')).replace("\\\"", "\"");
                Map<String, String> overrides = new LinkedHashMap<>();
                Matcher pair = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S*)").matcher(value);
                while (pair.find()) {
                    overrides.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
                }
                stages.put(stage, overrides);
            }
        }
        return stages;
    }

    @Test
    void everySamconfigStagePassesParametersTheTemplateAccepts() throws IOException {
        Map<String, Map<String, String>> stages = samconfigStages();
        assertThat(stages).containsKeys("dev", "prod");
        stages.forEach((stage, overrides) -> {
            assertThat(TEMPLATE.parameters()).as(stage + " overrides name template parameters").containsKeys(
                    overrides.keySet().toArray(String[]::new));
            // Checks AllowedValues and AllowedPattern the way CloudFormation does.
            IntrinsicResolver resolver = new IntrinsicResolver(TEMPLATE, overrides);
            assertThat(resolver.parameterValues().get("Stage")).isEqualTo(stage);
            TEMPLATE.parameters().values().stream().filter(p -> p.defaultValue().isEmpty())
                    .forEach(p -> assertThat(overrides).as(stage + " sets " + p.name() + " (no default)").containsKey(p.name()));
        });
    }

    // ------------------------------------------------------------------ storage

    @Test
    void theBucketAlwaysAbortsIncompleteUploadsAndExpiresOldVersions() {
        Map<String, Object> bucket = TEMPLATE.resources().get("RecordingsBucket").properties();
        assertThat(String.valueOf(bucket.get("OwnershipControls"))).contains("ObjectOwnership=BucketOwnerEnforced");
        for (String retentionDays : List.of("0", "30")) {
            List<Map<String, Object>> rules = new ArrayList<>();
            Object lifecycle = resolver(Map.of("RecordingRetentionDays", retentionDays))
                    .resolve(bucket.get("LifecycleConfiguration"));
            ((List<?>) castMap(lifecycle).get("Rules")).forEach(r -> rules.add(castMap(r)));
            List<Map<String, Object>> wholeBucket = rules.stream()
                    .filter(r -> "Enabled".equals(r.get("Status")) && !r.containsKey("Prefix") && !r.containsKey("TagFilters"))
                    .toList();
            assertThat(wholeBucket).as("RecordingRetentionDays=" + retentionDays)
                    .anySatisfy(r -> assertThat(r).containsKey("AbortIncompleteMultipartUpload"))
                    .anySatisfy(r -> assertThat(r).containsKey("NoncurrentVersionExpiration"));
            assertThat(rules).as("expiry rules with RecordingRetentionDays=" + retentionDays)
                    .filteredOn(r -> r.containsKey("ExpirationInDays"))
                    .hasSize(retentionDays.equals("0") ? 0 : 2);
        }
    }
}
