package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events and responses as JSON, through the Lambda Java runtime's own serializers (so SQS events read
 * {@code Records} and {@code eventSourceARN} exactly as Lambda delivers them).
 */
final class EventJson {

    private static final ObjectMapper PRETTY = new ObjectMapper();
    private static final Map<Class<?>, PojoSerializer<?>> SERIALIZERS = new ConcurrentHashMap<>();

    private EventJson() {
    }

    static <T> T read(Path file, Class<T> type) {
        try (InputStream in = Files.newInputStream(file)) {
            return serializer(type).fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read event file " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** {@code json} read into {@code type} as the Lambda runtime reads an event. */
    static <T> T read(String json, Class<T> type) {
        return serializer(type).fromJson(json);
    }

    /** Compact JSON as the Lambda runtime writes it. */
    @SuppressWarnings("unchecked")
    static String write(Object value) {
        if (value == null) {
            return "null";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer((Class<Object>) value.getClass()).toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Indented, for people. */
    static String writePretty(Object value) {
        try {
            return PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(PRETTY.readTree(write(value)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Building one sets up a Jackson mapper with Lambda's mixins: once per class, not per event. */
    @SuppressWarnings("unchecked")
    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return (PojoSerializer<T>) SERIALIZERS.computeIfAbsent(type,
                t -> LambdaEventSerializers.serializerFor(t, EventJson.class.getClassLoader()));
    }
}
