package dev.switchboard.emulators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * template.yaml, read once: the long-form document (short-form tags such as {@code !Ref} and
 * {@code !GetAtt A.B} turned into {@code {"Ref": ...}} and {@code {"Fn::GetAtt": [A, B]}}) and typed views
 * of what the local stack runs: parameters, conditions, functions (with {@code Globals.Function} merged as
 * SAM merges it), DynamoDB tables, SQS queues and S3 buckets.
 *
 * <p>Values stay unresolved here; {@link IntrinsicResolver} evaluates them.
 */
public final class SamTemplate {

    public static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    public static final String HTTP_API_TYPE = "AWS::Serverless::HttpApi";
    public static final String TABLE_TYPE = "AWS::DynamoDB::Table";
    public static final String QUEUE_TYPE = "AWS::SQS::Queue";
    public static final String BUCKET_TYPE = "AWS::S3::Bucket";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path source;
    private final Map<String, Object> document;
    private final Map<String, TemplateParameter> parameters;
    private final Map<String, Object> conditions;
    private final Map<String, Object> globalsFunction;
    private final Map<String, TemplateResource> resources;
    private final Map<String, FunctionDefinition> functions;
    private final Map<String, TableDefinition> tables;
    private final Map<String, QueueDefinition> queues;
    private final Map<String, BucketDefinition> buckets;

    private SamTemplate(Path source, Map<String, Object> document) {
        this.source = source;
        this.document = Collections.unmodifiableMap(document);
        this.parameters = readParameters(map(document.get("Parameters"), "Parameters"));
        this.conditions = Collections.unmodifiableMap(map(document.get("Conditions"), "Conditions"));
        Map<String, Object> globals = map(document.get("Globals"), "Globals");
        this.globalsFunction = Collections.unmodifiableMap(map(globals.get("Function"), "Globals.Function"));
        this.resources = readResources(map(document.get("Resources"), "Resources"));
        Map<String, FunctionDefinition> fns = new LinkedHashMap<>();
        Map<String, TableDefinition> tbls = new LinkedHashMap<>();
        Map<String, QueueDefinition> qs = new LinkedHashMap<>();
        Map<String, BucketDefinition> bs = new LinkedHashMap<>();
        for (TemplateResource resource : resources.values()) {
            switch (resource.type()) {
                case FUNCTION_TYPE -> fns.put(resource.logicalId(), readFunction(resource));
                case TABLE_TYPE -> tbls.put(resource.logicalId(), readTable(resource));
                case QUEUE_TYPE -> qs.put(resource.logicalId(), readQueue(resource));
                case BUCKET_TYPE -> bs.put(resource.logicalId(), readBucket(resource));
                default -> {
                    // Everything else (alarms, log groups, SSM parameters...) has no local counterpart.
                }
            }
        }
        this.functions = Collections.unmodifiableMap(fns);
        this.tables = Collections.unmodifiableMap(tbls);
        this.queues = Collections.unmodifiableMap(qs);
        this.buckets = Collections.unmodifiableMap(bs);
    }

    /** Reads and parses a template file. */
    public static SamTemplate load(Path path) {
        try {
            return parse(Files.readString(path), path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the template " + path.toAbsolutePath(), e);
        }
    }

    public static SamTemplate parse(String yaml) {
        return parse(yaml, null);
    }

    private static SamTemplate parse(String yaml, Path source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object root = new Yaml(new CloudFormationConstructor(options)).load(yaml);
        if (!(root instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("Not a CloudFormation template (no top-level mapping)"
                    + (source == null ? "" : ": " + source));
        }
        return new SamTemplate(source, cast(root));
    }

    /** The file it was loaded from, if any. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /** The whole template in long form. */
    public Map<String, Object> document() {
        return document;
    }

    public Map<String, TemplateParameter> parameters() {
        return parameters;
    }

    /** Condition name to its (unevaluated) expression. */
    public Map<String, Object> conditions() {
        return conditions;
    }

    /** {@code Globals.Function} as written. */
    public Map<String, Object> globalsFunction() {
        return globalsFunction;
    }

    /** Every resource by logical id, in template order. */
    public Map<String, TemplateResource> resources() {
        return resources;
    }

    public Optional<TemplateResource> resource(String logicalId) {
        return Optional.ofNullable(resources.get(logicalId));
    }

    public Map<String, FunctionDefinition> functions() {
        return functions;
    }

    public Optional<FunctionDefinition> function(String logicalId) {
        return Optional.ofNullable(functions.get(logicalId));
    }

    public Map<String, TableDefinition> tables() {
        return tables;
    }

    public Map<String, QueueDefinition> queues() {
        return queues;
    }

    public Map<String, BucketDefinition> buckets() {
        return buckets;
    }

    /** Every HttpApi route of every function, in template order. */
    public List<HttpApiRoute> httpApiRoutes() {
        return functions.values().stream().flatMap(f -> f.httpApiRoutes().stream()).toList();
    }

    /** Every SQS event source of every function, in template order. */
    public List<SqsEventSource> sqsEventSources() {
        return functions.values().stream().flatMap(f -> f.sqsEventSources().stream()).toList();
    }

    /** Every schedule event of every function, in template order. */
    public List<ScheduleEvent> schedules() {
        return functions.values().stream().flatMap(f -> f.schedules().stream()).toList();
    }

    /** The function that consumes a queue, if any. */
    public Optional<FunctionDefinition> consumerOf(String queueLogicalId) {
        return functions.values().stream()
                .filter(f -> f.sqsEventSources().stream().anyMatch(e -> e.queueLogicalId().equals(queueLogicalId)))
                .findFirst();
    }

    // ------------------------------------------------------------------ reading

    private static Map<String, TemplateParameter> readParameters(Map<String, Object> section) {
        Map<String, TemplateParameter> result = new LinkedHashMap<>();
        section.forEach((name, value) -> {
            Map<String, Object> p = map(value, "Parameters." + name);
            List<String> allowed = new ArrayList<>();
            if (p.get("AllowedValues") instanceof List<?> values) {
                values.forEach(v -> allowed.add(String.valueOf(v)));
            }
            result.put(name, new TemplateParameter(name,
                    String.valueOf(p.getOrDefault("Type", "String")),
                    Optional.ofNullable(p.get("Default")).map(SamTemplate::scalarString),
                    List.copyOf(allowed),
                    Optional.ofNullable(p.get("AllowedPattern")).map(String::valueOf),
                    String.valueOf(p.getOrDefault("Description", "")).trim()));
        });
        return Collections.unmodifiableMap(result);
    }

    private static Map<String, TemplateResource> readResources(Map<String, Object> section) {
        Map<String, TemplateResource> result = new LinkedHashMap<>();
        section.forEach((logicalId, value) -> {
            Map<String, Object> r = map(value, "Resources." + logicalId);
            Object type = r.get("Type");
            if (type == null) {
                throw new IllegalArgumentException("Resource " + logicalId + " has no Type");
            }
            result.put(logicalId, new TemplateResource(logicalId, type.toString(),
                    Collections.unmodifiableMap(map(r.get("Properties"), logicalId + ".Properties")),
                    Optional.ofNullable(r.get("Condition")).map(Object::toString)));
        });
        return Collections.unmodifiableMap(result);
    }

    private FunctionDefinition readFunction(TemplateResource resource) {
        String id = resource.logicalId();
        Map<String, Object> props = cast(mergeGlobals(globalsFunction, resource.properties()));
        Map<String, Object> environment = map(map(props.get("Environment"), id + ".Environment").get("Variables"),
                id + ".Environment.Variables");
        List<HttpApiRoute> routes = new ArrayList<>();
        List<SqsEventSource> sqsEvents = new ArrayList<>();
        List<ScheduleEvent> schedules = new ArrayList<>();
        map(props.get("Events"), id + ".Events").forEach((eventName, value) -> {
            Map<String, Object> event = map(value, id + ".Events." + eventName);
            Map<String, Object> eventProps = map(event.get("Properties"), id + ".Events." + eventName + ".Properties");
            String type = String.valueOf(event.get("Type"));
            if (type.equals("HttpApi")) {
                Object path = eventProps.get("Path");
                Object method = eventProps.get("Method");
                routes.add(new HttpApiRoute(id, eventName,
                        method == null ? "ANY" : method.toString(),
                        path == null ? HttpApiRoute.DEFAULT_ROUTE : path.toString(),
                        Optional.ofNullable(refTarget(eventProps.get("ApiId")))));
            } else if (type.equals("SQS")) {
                List<String> responseTypes = new ArrayList<>();
                if (eventProps.get("FunctionResponseTypes") instanceof List<?> list) {
                    list.forEach(t -> responseTypes.add(String.valueOf(t)));
                }
                sqsEvents.add(new SqsEventSource(id, eventName, queueLogicalIdOf(eventProps.get("Queue"), id, eventName),
                        intOr(eventProps.get("BatchSize"), SqsEventSource.DEFAULT_BATCH_SIZE, id + ".BatchSize"),
                        List.copyOf(responseTypes),
                        !Boolean.FALSE.equals(eventProps.get("Enabled"))));
            } else if (type.equals("ScheduleV2") || type.equals("Schedule")) {
                Object expression = eventProps.get(type.equals("ScheduleV2") ? "ScheduleExpression" : "Schedule");
                if (expression == null) {
                    throw new IllegalArgumentException(id + ".Events." + eventName + " has no schedule expression");
                }
                boolean enabled = !Boolean.FALSE.equals(eventProps.get("Enabled"))
                        && !"DISABLED".equals(String.valueOf(eventProps.get("State")));
                schedules.add(new ScheduleEvent(id, eventName, type, expression,
                        Optional.ofNullable(eventProps.get("Input")), enabled));
            }
        });
        return new FunctionDefinition(id,
                String.valueOf(props.getOrDefault("CodeUri", "")),
                String.valueOf(props.getOrDefault("Handler", "")),
                intOr(props.get("Timeout"), FunctionDefinition.DEFAULT_TIMEOUT_SECONDS, id + ".Timeout"),
                intOr(props.get("MemorySize"), FunctionDefinition.DEFAULT_MEMORY_SIZE, id + ".MemorySize"),
                Collections.unmodifiableMap(environment), List.copyOf(routes), List.copyOf(sqsEvents),
                List.copyOf(schedules), resource.condition(), Collections.unmodifiableMap(props));
    }

    /** {@code !GetAtt Queue.Arn}, or a literal ARN whose name is a queue's logical id or QueueName. */
    private String queueLogicalIdOf(Object queue, String functionId, String eventName) {
        if (queue instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> getAtt && !getAtt.isEmpty()) {
            return String.valueOf(getAtt.get(0));
        }
        if (queue instanceof String arn) {
            String name = arn.substring(arn.lastIndexOf(':') + 1);
            for (TemplateResource r : resources.values()) {
                if (r.type().equals(QUEUE_TYPE)
                        && (r.logicalId().equals(name) || name.equals(r.properties().get("QueueName")))) {
                    return r.logicalId();
                }
            }
        }
        throw new IllegalArgumentException(functionId + ".Events." + eventName
                + ": Queue must be !GetAtt <QueueLogicalId>.Arn (or the ARN of a queue in this template), got " + queue);
    }

    private static TableDefinition readTable(TemplateResource resource) {
        String id = resource.logicalId();
        Map<String, Object> props = resource.properties();
        Map<String, String> attributeTypes = new LinkedHashMap<>();
        for (Object a : list(props.get("AttributeDefinitions"), id + ".AttributeDefinitions")) {
            Map<String, Object> attr = map(a, id + ".AttributeDefinitions");
            attributeTypes.put(String.valueOf(attr.get("AttributeName")), String.valueOf(attr.get("AttributeType")));
        }
        Map<String, Object> ttl = map(props.get("TimeToLiveSpecification"), id + ".TimeToLiveSpecification");
        Optional<String> ttlAttribute = isTrue(ttl.get("Enabled")) && ttl.get("AttributeName") != null
                ? Optional.of(ttl.get("AttributeName").toString()) : Optional.empty();
        Map<String, Object> stream = map(props.get("StreamSpecification"), id + ".StreamSpecification");
        return new TableDefinition(id,
                Optional.ofNullable(props.get("TableName")),
                keySchema(props.get("KeySchema"), id),
                Collections.unmodifiableMap(attributeTypes),
                indexes(props.get("GlobalSecondaryIndexes"), id),
                indexes(props.get("LocalSecondaryIndexes"), id),
                ttlAttribute,
                String.valueOf(props.getOrDefault("BillingMode", "PROVISIONED")),
                Optional.ofNullable(stream.get("StreamViewType")).map(Object::toString),
                resource.condition(), props);
    }

    private static List<TableDefinition.KeyElement> keySchema(Object value, String where) {
        List<TableDefinition.KeyElement> keys = new ArrayList<>();
        for (Object k : list(value, where + ".KeySchema")) {
            Map<String, Object> key = map(k, where + ".KeySchema");
            keys.add(new TableDefinition.KeyElement(String.valueOf(key.get("AttributeName")),
                    String.valueOf(key.get("KeyType"))));
        }
        return List.copyOf(keys);
    }

    private static List<TableDefinition.SecondaryIndex> indexes(Object value, String tableId) {
        List<TableDefinition.SecondaryIndex> indexes = new ArrayList<>();
        for (Object i : list(value, tableId + ".SecondaryIndexes")) {
            Map<String, Object> index = map(i, tableId + ".SecondaryIndexes");
            String name = String.valueOf(index.get("IndexName"));
            Map<String, Object> projection = map(index.get("Projection"), tableId + "." + name + ".Projection");
            List<String> nonKey = new ArrayList<>();
            list(projection.get("NonKeyAttributes"), name + ".NonKeyAttributes").forEach(a -> nonKey.add(a.toString()));
            indexes.add(new TableDefinition.SecondaryIndex(name, keySchema(index.get("KeySchema"), tableId + "." + name),
                    String.valueOf(projection.getOrDefault("ProjectionType", "ALL")), List.copyOf(nonKey)));
        }
        return List.copyOf(indexes);
    }

    private static QueueDefinition readQueue(TemplateResource resource) {
        String id = resource.logicalId();
        Map<String, Object> props = resource.properties();
        Optional<String> dlq = Optional.empty();
        OptionalInt maxReceiveCount = OptionalInt.empty();
        Object redrive = props.get("RedrivePolicy");
        if (redrive instanceof String json) {
            try {
                redrive = JSON.readValue(json, Map.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(id + ".RedrivePolicy is not valid JSON", e);
            }
        }
        if (redrive instanceof Map<?, ?> policy) {
            Object target = policy.get("deadLetterTargetArn");
            String targetId = target instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> getAtt
                    ? String.valueOf(getAtt.get(0)) : refTarget(target);
            if (targetId == null && target instanceof String arn) {
                targetId = arn.substring(arn.lastIndexOf(':') + 1);
            }
            if (targetId == null) {
                throw new IllegalArgumentException(id + ".RedrivePolicy.deadLetterTargetArn must be !GetAtt <Dlq>.Arn");
            }
            dlq = Optional.of(targetId);
            maxReceiveCount = OptionalInt.of(intOr(policy.get("maxReceiveCount"), 10, id + ".maxReceiveCount"));
        }
        return new QueueDefinition(id,
                Optional.ofNullable(props.get("QueueName")),
                optionalInt(props.get("VisibilityTimeout"), id + ".VisibilityTimeout"),
                optionalInt(props.get("MessageRetentionPeriod"), id + ".MessageRetentionPeriod"),
                optionalInt(props.get("DelaySeconds"), id + ".DelaySeconds"),
                optionalInt(props.get("ReceiveMessageWaitTimeSeconds"), id + ".ReceiveMessageWaitTimeSeconds"),
                optionalInt(props.get("MaximumMessageSize"), id + ".MaximumMessageSize"),
                dlq, maxReceiveCount,
                isTrue(props.get("FifoQueue")), isTrue(props.get("ContentBasedDeduplication")),
                resource.condition(), props);
    }

    private static BucketDefinition readBucket(TemplateResource resource) {
        return new BucketDefinition(resource.logicalId(), Optional.ofNullable(resource.properties().get("BucketName")),
                resource.condition(), resource.properties());
    }

    // ------------------------------------------------------------------ Globals

    /**
     * SAM's Globals rules: maps merge key by key (recursively; the function wins on conflicts), lists are
     * concatenated (globals first), and anything else, intrinsic functions included, is replaced by the
     * function's value.
     */
    static Object mergeGlobals(Object global, Object local) {
        if (global == null) {
            return local;
        }
        if (local == null) {
            return global;
        }
        if (global instanceof Map<?, ?> g && local instanceof Map<?, ?> l && !isIntrinsic(g) && !isIntrinsic(l)) {
            Map<String, Object> merged = new LinkedHashMap<>(cast(g));
            cast(l).forEach((key, value) -> merged.put(key, mergeGlobals(merged.get(key), value)));
            return merged;
        }
        if (global instanceof List<?> g && local instanceof List<?> l) {
            List<Object> merged = new ArrayList<>(g);
            merged.addAll(l);
            return merged;
        }
        return local;
    }

    /** A one-key map whose key is {@code Ref}, {@code Condition} or {@code Fn::...}. */
    static boolean isIntrinsic(Map<?, ?> map) {
        if (map.size() != 1) {
            return false;
        }
        Object key = map.keySet().iterator().next();
        return key.equals("Ref") || key.equals("Condition") || key.toString().startsWith("Fn::");
    }

    // ------------------------------------------------------------------ helpers

    private static String refTarget(Object value) {
        return value instanceof Map<?, ?> m && m.size() == 1 && m.get("Ref") instanceof String s ? s : null;
    }

    private static boolean isTrue(Object value) {
        return value != null && Boolean.parseBoolean(value.toString());
    }

    /** A scalar as CloudFormation sees it: a string ({@code 0}, {@code true}, {@code 1.5} included). */
    static String scalarString(Object value) {
        return String.valueOf(value);
    }

    private static int intOr(Object value, int defaultValue, String where) {
        return optionalInt(value, where).orElse(defaultValue);
    }

    private static OptionalInt optionalInt(Object value, String where) {
        if (value == null) {
            return OptionalInt.empty();
        }
        if (value instanceof Number n) {
            return OptionalInt.of(n.intValue());
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.toString().trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a literal number for the local stack, got " + value);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }

    static Map<String, Object> map(Object value, String where) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(where + " must be a mapping, got " + value);
        }
        return cast(value);
    }

    private static List<?> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw new IllegalArgumentException(where + " must be a list, got " + value);
        }
        return l;
    }
}
