package dev.switchboard.local.template;

import dev.switchboard.emulators.FunctionDefinition;
import dev.switchboard.emulators.IntrinsicResolver;
import dev.switchboard.emulators.LocalResources;
import dev.switchboard.emulators.SamTemplate;
import dev.switchboard.emulators.TemplateResource;
import dev.switchboard.shared.testing.TwilioEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * template.yaml as the deploy tests read it: resolved the way CloudFormation would resolve it in a stack
 * (with the emulators' account and region, and queue URLs of the form AWS gives them), plus what each
 * function reads and is allowed to do.
 */
final class DeployedTemplate {

    static final Path FILE = TwilioEvents.projectRoot().resolve("template.yaml");
    static final SamTemplate TEMPLATE = SamTemplate.load(FILE);
    /** The parameters samconfig.toml passes and that have no default. */
    static final Map<String, String> REQUIRED_PARAMETERS = Map.of("TwilioAccountSid", "AC" + "0".repeat(32));

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private DeployedTemplate() {
    }

    /** A resolver for a stack deployed with these parameter values (on top of the required ones). */
    static IntrinsicResolver resolver(Map<String, String> parameters) {
        Map<String, String> values = new LinkedHashMap<>(REQUIRED_PARAMETERS);
        values.putAll(parameters);
        Map<String, LocalResources.Queue> queues = new LinkedHashMap<>();
        TEMPLATE.queues().keySet().forEach(id -> queues.put(id, new LocalResources.Queue(id, id,
                "https://sqs.us-east-1.amazonaws.com/000000000000/" + id, "arn:aws:sqs:us-east-1:000000000000:" + id)));
        return new IntrinsicResolver(TEMPLATE, values).withResources(new LocalResources(
                Map.of("SwitchboardTable", "SwitchboardTable"), queues, Map.of("RecordingsBucket", "recordingsbucket")));
    }

    static IntrinsicResolver resolver() {
        return resolver(Map.of());
    }

    /**
     * Every template parameter a function's settings depend on: those its environment refers to (directly,
     * through a condition, or through an SSM parameter this template creates and the function reads).
     */
    static Set<String> parametersRead(FunctionDefinition function) {
        Set<String> found = new LinkedHashSet<>();
        IntrinsicResolver resolver = resolver();
        function.environment().forEach((name, expression) -> {
            collectParameters(expression, found);
            if (name.endsWith("_PARAMETER")) {
                String parameterName = resolver.resolveString(expression);
                ssmParameters().stream()
                        .filter(p -> resolver.resolveString(p.properties().get("Name")).equals(parameterName))
                        .forEach(p -> collectParameters(p.properties(), found));
            }
        });
        return found;
    }

    private static List<TemplateResource> ssmParameters() {
        return TEMPLATE.resources().values().stream().filter(r -> r.type().equals("AWS::SSM::Parameter")).toList();
    }

    private static void collectParameters(Object expression, Set<String> found) {
        if (expression instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Ref") instanceof String ref) {
                if (TEMPLATE.parameters().containsKey(ref)) {
                    found.add(ref);
                } else {
                    TEMPLATE.resource(ref).filter(r -> r.type().equals("AWS::SSM::Parameter"))
                            .ifPresent(p -> collectParameters(p.properties(), found));
                }
                return;
            }
            if (map.size() == 1 && map.containsKey("Fn::Sub")) {
                Object sub = map.get("Fn::Sub");
                String text = sub instanceof List<?> list ? String.valueOf(list.get(0)) : String.valueOf(sub);
                Matcher m = SUB_VARIABLE.matcher(text);
                while (m.find()) {
                    if (TEMPLATE.parameters().containsKey(m.group(1).trim())) {
                        found.add(m.group(1).trim());
                    }
                }
                if (sub instanceof List<?> list && list.size() == 2) {
                    collectParameters(list.get(1), found);
                }
                return;
            }
            if (map.size() == 1 && map.get("Fn::If") instanceof List<?> args) {
                collectParameters(TEMPLATE.conditions().get(String.valueOf(args.get(0))), found);
                collectParameters(args.subList(1, args.size()), found);
                return;
            }
            if (map.size() == 1 && map.get("Condition") instanceof String condition) {
                collectParameters(TEMPLATE.conditions().get(condition), found);
                return;
            }
            map.values().forEach(v -> collectParameters(v, found));
        } else if (expression instanceof List<?> list) {
            list.forEach(v -> collectParameters(v, found));
        }
    }

    /** The parameters a function's Description hashes into its version id (the items after the first). */
    static List<String> versionDigest(FunctionDefinition function) {
        Object description = function.properties().get("Description");
        if (!(description instanceof Map<?, ?> map) || !(map.get("Fn::Select") instanceof List<?> select)
                || select.size() != 2 || !"0".equals(String.valueOf(select.get(0))) || !(select.get(1) instanceof List<?> items)
                || items.isEmpty() || !(items.get(0) instanceof String)) {
            return null;
        }
        List<String> digest = new ArrayList<>();
        for (Object item : items.subList(1, items.size())) {
            digest.add(item instanceof Map<?, ?> ref && ref.size() == 1 && ref.get("Ref") instanceof String name
                    ? name : "not a parameter Ref: " + item);
        }
        return digest;
    }

    /** The IAM statements a function declares itself ({@code Statement} policies, not SAM policy templates). */
    static List<Map<String, Object>> statements(FunctionDefinition function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : policies(function)) {
            if (policy instanceof Map<?, ?> map && map.get("Statement") instanceof List<?> list) {
                list.forEach(s -> statements.add(castMap(s)));
            }
        }
        return statements;
    }

    /** The SAM policy templates a function uses, by name, with their arguments. */
    static Map<String, List<Object>> policyTemplates(FunctionDefinition function) {
        Map<String, List<Object>> templates = new LinkedHashMap<>();
        for (Object policy : policies(function)) {
            if (policy instanceof Map<?, ?> map && !map.containsKey("Statement")) {
                map.forEach((name, args) -> templates.computeIfAbsent(String.valueOf(name), k -> new ArrayList<>()).add(args));
            } else if (policy instanceof String managed) {
                templates.computeIfAbsent(managed, k -> new ArrayList<>());
            }
        }
        return templates;
    }

    private static List<?> policies(FunctionDefinition function) {
        Object policies = function.properties().get("Policies");
        return policies instanceof List<?> list ? list : policies == null ? List.of() : List.of(policies);
    }

    static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(action));
    }

    /** A statement's resources, resolved (conditional ones that resolve to AWS::NoValue left out). */
    static List<String> resources(Map<String, Object> statement, IntrinsicResolver resolver) {
        Object resolved = resolver.resolve(statement.get("Resource"));
        return resolved instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(resolved));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    /** The module a function's CodeUri names ({@code functions/<module>/target/lambda/<module>.jar}). */
    static String module(FunctionDefinition function) {
        return function.codeUri().split("/")[1];
    }
}
