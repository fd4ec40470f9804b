package dev.switchboard.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;

/**
 * A handler called as Lambda's Java runtime calls it: a {@link RequestStreamHandler} gets the event's bytes and
 * writes its response (the runtime prefers that overload); any other {@link RequestHandler} gets the event read
 * into its event class, and its response written, by the runtime's serializers ({@code aws-lambda-java-serialization}),
 * built on the first call as the runtime builds them on the first invocation.
 */
final class RuntimeInvoker {

    private final Object handler;
    private final ClassLoader loader;
    private PojoSerializer<Object> input;
    private PojoSerializer<Object> output;

    RuntimeInvoker(Object handler, ClassLoader loader) {
        this.handler = handler;
        this.loader = loader;
    }

    /** One invocation: the event's JSON in, the response's JSON out. */
    @SuppressWarnings("unchecked")
    byte[] invoke(byte[] event, Context context) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (handler instanceof RequestStreamHandler stream) {
            stream.handleRequest(new ByteArrayInputStream(event), out, context);
            return out.toByteArray();
        }
        if (input == null) {
            Class<?>[] types = ColdStartRunnerTypes.of(handler.getClass());
            input = (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(types[0], loader);
            output = (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(types[1], loader);
        }
        Object request;
        try (InputStream in = new ByteArrayInputStream(event)) {
            request = input.fromJson(in);
        }
        output.toJson(((RequestHandler<Object, Object>) handler).handleRequest(request, context), out);
        return out.toByteArray();
    }
}
