package dev.switchboard.emulators;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions the way a local deployment of the template would:
 * parameters take their defaults unless overridden, pseudo parameters describe region us-east-1 and
 * account 000000000000, and resources resolve to their local counterparts (table and bucket names, queue
 * URLs and ARNs from {@link LocalResources}; the HTTP API is {@code "local"}).
 *
 * <p>Supported: what {@code template.yaml} uses, {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub} (both
 * forms), {@code Fn::If}, {@code Fn::Equals}, {@code Fn::Not} and {@code Fn::Select}. Any other intrinsic function is refused
 * with a message naming it and these ({@link #SUPPORTED}); add it here when the template starts to use it.
 *
 * <p>Instances are immutable; {@link #withResources} gives a resolver that also knows queue URLs.
 */
public final class IntrinsicResolver {

    /** What {@code Ref AWS::NoValue} resolves to; removed from maps and lists by {@link #resolve}. */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    /** The intrinsic functions the resolver evaluates. */
    public static final List<String> SUPPORTED = List.of("Ref", "Fn::GetAtt", "Fn::Sub", "Fn::If", "Fn::Equals", "Fn::Not",
            "Fn::Select");

    public static final String DEFAULT_STACK_NAME = "switchboard-local";
    public static final String LOCAL_API_ID = "local";

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final SamTemplate template;
    private final Map<String, String> overrides;
    private final Map<String, Object> parameterValues;
    private final String stackName;
    private final LocalResources resources;
    private final Map<String, Boolean> conditionCache = new HashMap<>();

    public IntrinsicResolver(SamTemplate template) {
        this(template, Map.of());
    }

    /**
     * @param parameterOverrides values for template parameters; each is checked against the parameter's
     *     AllowedValues and AllowedPattern like CloudFormation would
     */
    public IntrinsicResolver(SamTemplate template, Map<String, String> parameterOverrides) {
        this(template, parameterOverrides, DEFAULT_STACK_NAME, null);
    }

    private IntrinsicResolver(SamTemplate template, Map<String, String> overrides, String stackName,
            LocalResources resources) {
        this.template = Objects.requireNonNull(template);
        this.overrides = Map.copyOf(overrides);
        this.stackName = stackName;
        this.resources = resources;
        this.parameterValues = computeParameterValues(template, this.overrides);
    }

    /** The same resolver, now resolving {@code Ref} of queues to their URLs (and ARNs from the emulator). */
    public IntrinsicResolver withResources(LocalResources localResources) {
        return new IntrinsicResolver(template, overrides, stackName, Objects.requireNonNull(localResources));
    }

    public IntrinsicResolver withStackName(String name) {
        return new IntrinsicResolver(template, overrides, name, resources);
    }

    public SamTemplate template() {
        return template;
    }

    public Map<String, String> parameterOverrides() {
        return overrides;
    }

    /** Each parameter's effective value (lists for list-typed parameters); missing defaults are "". */
    public Map<String, Object> parameterValues() {
        return parameterValues;
    }

    private static Map<String, Object> computeParameterValues(SamTemplate template, Map<String, String> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        template.parameters().forEach((name, p) -> {
            String value;
            if (overrides.containsKey(name)) {
                value = overrides.get(name);
                if (!p.allowedValues().isEmpty() && !p.allowedValues().contains(value)) {
                    throw new IllegalArgumentException("Parameter " + name + " must be one of " + p.allowedValues()
                            + ", got '" + value + "'");
                }
                if (p.allowedPattern().isPresent() && !value.matches(p.allowedPattern().get())) {
                    throw new IllegalArgumentException("Parameter " + name + " must match "
                            + p.allowedPattern().get() + ", got '" + value + "'");
                }
            } else {
                value = p.defaultValue().orElse("");
            }
            values.put(name, p.isList() ? splitList(value) : value);
        });
        return Collections.unmodifiableMap(values);
    }

    private static List<String> splitList(String value) {
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            items.add(item.trim());
        }
        return List.copyOf(items);
    }

    // ------------------------------------------------------------------ public API

    /**
     * Resolves every intrinsic function inside {@code value} (maps and lists recursively). Map entries and
     * list items that resolve to {@link #NO_VALUE} are dropped.
     */
    public Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (SamTemplate.isIntrinsic(map) && isFunctionCall(map)) {
                String fn = map.keySet().iterator().next().toString();
                return evaluate(fn, map.values().iterator().next());
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object v = resolve(e.getValue());
                if (v != NO_VALUE) {
                    resolved.put(e.getKey().toString(), v);
                }
            }
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object v = resolve(item);
                if (v != NO_VALUE) {
                    resolved.add(v);
                }
            }
            return resolved;
        }
        return value;
    }

    /** Resolves to a string: scalars as CloudFormation prints them, lists comma-joined. */
    public String resolveString(Object value) {
        return asString(resolve(value), "value");
    }

    /** Evaluates a named condition of the template's {@code Conditions}. */
    public synchronized boolean condition(String name) {
        Boolean cached = conditionCache.get(name);
        if (cached != null) {
            return cached;
        }
        if (!template.conditions().containsKey(name)) {
            throw new IllegalArgumentException("Unknown condition " + name);
        }
        conditionCache.put(name, Boolean.FALSE); // guards against cycles while evaluating
        boolean result = asBoolean(resolve(template.conditions().get(name)), "condition " + name);
        conditionCache.put(name, result);
        return result;
    }

    /** False when the resource has a {@code Condition} that evaluates to false (it would not be created). */
    public boolean isCreated(String logicalId) {
        return template.resource(logicalId).flatMap(TemplateResource::condition).map(this::condition).orElse(true);
    }

    /**
     * A function's {@code Environment.Variables} (Globals merged), resolved to strings. Variables that
     * resolve to {@code AWS::NoValue} are left out.
     */
    public Map<String, String> environment(FunctionDefinition function) {
        Map<String, String> env = new LinkedHashMap<>();
        function.environment().forEach((name, expression) -> {
            Object value = resolve(expression);
            if (value != NO_VALUE) {
                env.put(name, asString(value, function.logicalId() + " variable " + name));
            }
        });
        return env;
    }

    /** The template parameters an expression refers to through {@code Ref} or {@code ${Name}} in {@code Fn::Sub}. */
    public Set<String> referencedParameters(Object expression) {
        Set<String> found = new LinkedHashSet<>();
        collectParameterRefs(expression, found);
        return found;
    }

    private void collectParameterRefs(Object value, Set<String> found) {
        if (value instanceof Map<?, ?> map) {
            Object ref = map.get("Ref");
            if (map.size() == 1 && ref instanceof String name && template.parameters().containsKey(name)) {
                found.add(name);
            }
            Object sub = map.get("Fn::Sub");
            if (map.size() == 1 && sub != null) {
                String text = sub instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0)) : String.valueOf(sub);
                var m = SUB_VARIABLE.matcher(text);
                while (m.find()) {
                    if (template.parameters().containsKey(m.group(1))) {
                        found.add(m.group(1));
                    }
                }
            }
            map.values().forEach(v -> collectParameterRefs(v, found));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectParameterRefs(v, found));
        }
    }

    /**
     * The local name of a table, queue or bucket: its explicit name property (resolved) if set, else one
     * derived from the logical id (tables and queues keep it; buckets are lower-cased and made DNS-safe).
     */
    public String physicalName(String logicalId) {
        TemplateResource resource = template.resource(logicalId)
                .orElseThrow(() -> new IllegalArgumentException("No resource " + logicalId + " in the template"));
        Map<String, Object> props = resource.properties();
        switch (resource.type()) {
            case SamTemplate.TABLE_TYPE:
                return explicitName(props.get("TableName")).orElse(logicalId);
            case SamTemplate.QUEUE_TYPE: {
                boolean fifo = Boolean.parseBoolean(String.valueOf(props.get("FifoQueue")));
                return explicitName(props.get("QueueName")).orElse(fifo ? logicalId + ".fifo" : logicalId);
            }
            case SamTemplate.BUCKET_TYPE:
                return explicitName(props.get("BucketName")).orElse(dnsSafeBucketName(logicalId));
            case "AWS::SNS::Topic":
                return explicitName(props.get("TopicName")).orElse(logicalId);
            case "AWS::SSM::Parameter":
                return explicitName(props.get("Name")).orElse(logicalId);
            case "AWS::Logs::LogGroup":
                return explicitName(props.get("LogGroupName")).orElse(logicalId);
            case SamTemplate.FUNCTION_TYPE:
            case "AWS::Lambda::Function":
                return explicitName(props.get("FunctionName")).orElse(logicalId);
            default:
                return logicalId;
        }
    }

    private Optional<String> explicitName(Object expression) {
        if (expression == null) {
            return Optional.empty();
        }
        Object value = resolve(expression);
        return value == NO_VALUE ? Optional.empty() : Optional.of(asString(value, "name"));
    }

    /** S3 bucket names: 3-63 characters of lower-case letters, digits, dots and hyphens. */
    static String dnsSafeBucketName(String logicalId) {
        String name = logicalId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-")
                .replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
        if (name.length() > 63) {
            name = name.substring(0, 63);
        }
        while (name.length() < 3) {
            name = name + "0";
        }
        return name;
    }

    // ------------------------------------------------------------------ evaluation

    private static boolean isFunctionCall(Map<?, ?> map) {
        String key = map.keySet().iterator().next().toString();
        // "Condition" is an intrinsic only with a condition name; IAM policies use a "Condition" block.
        return !key.equals("Condition") || map.values().iterator().next() instanceof String;
    }

    private Object evaluate(String fn, Object arg) {
        switch (fn) {
            case "Ref":
                return ref(asString(resolve(arg), "Ref"));
            case "Fn::GetAtt":
                return getAtt(arg);
            case "Fn::Sub":
                return sub(arg);
            case "Fn::If": {
                List<?> args = args(fn, arg, 3);
                boolean condition = condition(asString(resolve(args.get(0)), "Fn::If condition"));
                return resolve(args.get(condition ? 1 : 2));
            }
            case "Fn::Equals": {
                List<?> args = args(fn, arg, 2);
                return Objects.equals(comparable(resolve(args.get(0))), comparable(resolve(args.get(1))));
            }
            case "Fn::Not":
                return !asBoolean(resolve(args(fn, arg, 1).get(0)), fn);
            case "Fn::Select": {
                // The functions' Descriptions: [text, !Ref parameters it reads...] (the version digest).
                List<?> args = args(fn, arg, 2);
                int index = Integer.parseInt(asString(resolve(args.get(0)), fn).trim());
                List<?> list = asList(resolve(args.get(1)), fn);
                if (index < 0 || index >= list.size()) {
                    throw new IllegalArgumentException("Fn::Select index " + index + " out of range for " + list);
                }
                return list.get(index);
            }
            default:
                throw new UnsupportedOperationException(fn + " is not supported by the local stack, which evaluates"
                        + " only what template.yaml uses: " + String.join(", ", SUPPORTED));
        }
    }

    private Object ref(String name) {
        if (parameterValues.containsKey(name)) {
            return parameterValues.get(name);
        }
        switch (name) {
            case "AWS::Region":
                return AwsEmulators.REGION;
            case "AWS::AccountId":
                return AwsEmulators.ACCOUNT_ID;
            case "AWS::StackName":
                return stackName;
            case "AWS::StackId":
                return "arn:aws:cloudformation:" + AwsEmulators.REGION + ":" + AwsEmulators.ACCOUNT_ID + ":stack/"
                        + stackName + "/00000000-0000-0000-0000-000000000000";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::Partition":
                return "aws";
            case "AWS::NotificationARNs":
                return List.of();
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                break;
        }
        TemplateResource resource = template.resource(name)
                .orElseThrow(() -> new IllegalArgumentException("Ref " + name + ": no such parameter or resource"));
        switch (resource.type()) {
            case SamTemplate.QUEUE_TYPE:
                return requireResources("Ref " + name).queueUrl(name);
            case SamTemplate.TABLE_TYPE:
                return resources != null && resources.hasTable(name) ? resources.tableName(name) : physicalName(name);
            case SamTemplate.BUCKET_TYPE:
                return resources != null && resources.hasBucket(name) ? resources.bucketName(name) : physicalName(name);
            case SamTemplate.HTTP_API_TYPE:
            case "AWS::ApiGatewayV2::Api":
                return LOCAL_API_ID;
            case "AWS::SNS::Topic":
                return arn("sns", physicalName(name));
            default:
                return physicalName(name);
        }
    }

    private Object getAtt(Object arg) {
        List<?> args = asList(arg, "Fn::GetAtt");
        if (args.size() != 2) {
            throw new IllegalArgumentException("Fn::GetAtt needs [Resource, Attribute], got " + args);
        }
        String logicalId = asString(resolve(args.get(0)), "Fn::GetAtt");
        String attribute = asString(resolve(args.get(1)), "Fn::GetAtt");
        TemplateResource resource = template.resource(logicalId)
                .orElseThrow(() -> new IllegalArgumentException("Fn::GetAtt " + logicalId + ": no such resource"));
        String type = resource.type();
        if (type.equals(SamTemplate.QUEUE_TYPE)) {
            switch (attribute) {
                case "Arn":
                    return resources != null && resources.hasQueue(logicalId) ? resources.queueArn(logicalId)
                            : arn("sqs", physicalName(logicalId));
                case "QueueName":
                    return physicalName(logicalId);
                case "QueueUrl":
                    return requireResources("Fn::GetAtt " + logicalId + ".QueueUrl").queueUrl(logicalId);
                default:
                    break;
            }
        } else if (type.equals(SamTemplate.TABLE_TYPE)) {
            String tableArn = "arn:aws:dynamodb:" + AwsEmulators.REGION + ":" + AwsEmulators.ACCOUNT_ID + ":table/"
                    + ref(logicalId);
            if (attribute.equals("Arn")) {
                return tableArn;
            }
            if (attribute.equals("StreamArn")) {
                return tableArn + "/stream/1970-01-01T00:00:00.000";
            }
        } else if (type.equals(SamTemplate.BUCKET_TYPE)) {
            Object bucket = ref(logicalId);
            switch (attribute) {
                case "Arn":
                    return "arn:aws:s3:::" + bucket;
                case "DomainName":
                    return bucket + ".s3.amazonaws.com";
                case "RegionalDomainName":
                    return bucket + ".s3." + AwsEmulators.REGION + ".amazonaws.com";
                default:
                    break;
            }
        } else if (type.equals("AWS::SNS::Topic")) {
            if (attribute.equals("TopicArn")) {
                return arn("sns", physicalName(logicalId));
            }
            if (attribute.equals("TopicName")) {
                return physicalName(logicalId);
            }
        } else if (type.equals(SamTemplate.FUNCTION_TYPE) || type.equals("AWS::Lambda::Function")) {
            if (attribute.equals("Arn")) {
                return arn("lambda", "function:" + physicalName(logicalId));
            }
        }
        if (attribute.equals("Arn")) {
            // Resources with no local counterpart (log groups, alarms...): a well-formed, fake ARN.
            String service = type.startsWith("AWS::") ? type.split("::")[1].toLowerCase(Locale.ROOT) : "local";
            return arn(service, physicalName(logicalId));
        }
        throw new UnsupportedOperationException("Fn::GetAtt " + logicalId + "." + attribute + " (" + type
                + ") is not supported by the local stack");
    }

    private static String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + AwsEmulators.REGION + ":" + AwsEmulators.ACCOUNT_ID + ":" + resource;
    }

    private Object sub(Object arg) {
        String text;
        Map<String, Object> variables = new HashMap<>();
        if (arg instanceof List<?> list) {
            if (list.isEmpty() || list.size() > 2) {
                throw new IllegalArgumentException("Fn::Sub needs a string or [string, {variables}], got " + list);
            }
            text = asString(list.get(0), "Fn::Sub");
            if (list.size() == 2) {
                SamTemplate.map(list.get(1), "Fn::Sub variables").forEach((k, v) -> variables.put(k, resolve(v)));
            }
        } else {
            text = asString(arg, "Fn::Sub");
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, start);
            int end = text.indexOf('}', start);
            if (end < 0) {
                out.append(text, start, text.length());
                break;
            }
            String name = text.substring(start + 2, end);
            if (name.startsWith("!")) {
                out.append("${").append(name.substring(1)).append('}'); // ${!Literal} stays literal
            } else {
                out.append(subVariable(name.trim(), variables));
            }
            i = end + 1;
        }
        return out.toString();
    }

    private String subVariable(String name, Map<String, Object> variables) {
        Object value;
        if (variables.containsKey(name)) {
            value = variables.get(name);
        } else if (!name.startsWith("AWS::") && name.contains(".") && template.resource(name.substring(0, name.indexOf('.'))).isPresent()) {
            int dot = name.indexOf('.');
            value = getAtt(List.of(name.substring(0, dot), name.substring(dot + 1)));
        } else {
            value = ref(name);
        }
        if (value == NO_VALUE) {
            throw new IllegalArgumentException("Fn::Sub variable ${" + name + "} resolved to AWS::NoValue");
        }
        return asString(value, "${" + name + "}");
    }

    private LocalResources requireResources(String what) {
        if (resources == null) {
            throw new IllegalStateException(what + " needs the provisioned resources (queue URLs): use withResources(...)");
        }
        return resources;
    }

    // ------------------------------------------------------------------ conversions

    private static List<?> args(String fn, Object arg, int count) {
        List<?> list = asList(arg, fn);
        if (list.size() != count) {
            throw new IllegalArgumentException(fn + " needs " + count + " arguments, got " + list);
        }
        return list;
    }

    private static List<?> asList(Object value, String where) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(where + " expects a list, got " + value);
    }

    private static Object comparable(Object value) {
        return value instanceof List<?> || value instanceof Map<?, ?> ? value : String.valueOf(value);
    }

    private static boolean asBoolean(Object value, String where) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException(where + " expects a condition, got " + value);
    }

    private static String asString(Object value, String where) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(asString(v, where)));
            return String.join(",", parts);
        }
        if (value instanceof Map<?, ?>) {
            throw new IllegalArgumentException(where + " must resolve to a string, got " + value);
        }
        return String.valueOf(value);
    }
}
