package dev.switchboard.bench.coldstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** A handler class's {@code RequestHandler<I, O>} types, as Lambda's runtime finds them. */
final class ColdStartRunnerTypes {

    private ColdStartRunnerTypes() {
    }

    static Class<?>[] of(Class<?> handlerClass) {
        for (Class<?> c = handlerClass; c != null; c = c.getSuperclass()) {
            for (Type type : c.getGenericInterfaces()) {
                if (type instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return new Class<?>[] {raw(p.getActualTypeArguments()[0]), raw(p.getActualTypeArguments()[1])};
                }
            }
            Type superType = c.getGenericSuperclass();
            if (superType instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                    && RequestHandler.class.isAssignableFrom(raw)) {
                // e.g. SqsJobHandler<J> implements RequestHandler<SQSEvent, SQSBatchResponse>
                Class<?>[] fromRaw = of(raw);
                if (fromRaw != null) {
                    return fromRaw;
                }
            }
        }
        throw new IllegalArgumentException(handlerClass + " does not implement RequestHandler<I, O>");
    }

    /** {@code Map<String, Object>} (a schedule's Input) is read as a {@code Map}, as Lambda's runtime does. */
    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

}
