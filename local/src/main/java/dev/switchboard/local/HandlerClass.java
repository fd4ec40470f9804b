package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.switchboard.emulators.FunctionDefinition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A function's handler class inside the function's own class loader, called the way the Lambda Java runtime
 * calls it: a {@code RequestStreamHandler} gets the event's JSON bytes and writes the response's (Lambda
 * prefers that overload of {@code handleRequest}); any other handler gets the event read into its own event
 * class by Lambda's serializers, and its response written back out as JSON by them. The context is the
 * function's own {@code Context} interface.
 *
 * <p>Handlers are constructed with their environment through their public {@code (Map<String, String>)}
 * constructor; a handler with only Lambda's no-arg constructor gets no environment of its own.
 */
final class HandlerClass {

    private static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";
    private static final String LOGGER = "com.amazonaws.services.lambda.runtime.LambdaLogger";
    private static final String STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";

    private final ClassLoader loader;
    private final Class<?> type;
    private final Method handleRequest;
    /** {@code handleRequest(InputStream, OutputStream, Context)} when the class is a stream handler, else null. */
    private final Method handleStream;
    private final Constructor<?> constructor;
    private final boolean takesEnvironment;
    private final Class<?> contextType;
    private final Class<?> loggerType;
    private final PojoSerializer<Object> input;
    private final Map<Class<?>, PojoSerializer<Object>> outputs = new ConcurrentHashMap<>();
    private final Map<String, Class<?>> localTypes = new ConcurrentHashMap<>();

    private HandlerClass(ClassLoader loader, Class<?> type, Method handleRequest, Method handleStream,
            Constructor<?> constructor, Class<?> contextType, Class<?> loggerType) {
        this.loader = loader;
        this.type = type;
        this.handleRequest = handleRequest;
        this.handleStream = handleStream;
        this.constructor = constructor;
        this.takesEnvironment = constructor.getParameterCount() == 1;
        this.contextType = contextType;
        this.loggerType = loggerType;
        this.input = serializer(handleRequest.getParameterTypes()[0], loader);
    }

    /** Loads (and initializes) the class the template's {@code Handler} names; throws with a clear message. */
    static HandlerClass load(FunctionDefinition definition, FunctionCode code, ClassLoader loader) {
        String className = definition.handlerClass();
        if (!definition.handlerMethod().equals("handleRequest")) {
            throw new IllegalStateException("Handler method must be handleRequest, got " + definition.handler());
        }
        Class<?> contextType;
        Class<?> loggerType;
        try {
            contextType = loader.loadClass(CONTEXT);
            loggerType = loader.loadClass(LOGGER);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(code + " does not contain aws-lambda-java-core (" + CONTEXT + ")", e);
        }
        Class<?> type;
        try {
            // Initialized here, inside the function's class loader, like Lambda's own init phase.
            type = withContextClassLoader(loader, () -> Class.forName(className, true, loader));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Handler class " + className + " is not in " + code, e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load " + className + ": " + e, e);
        }
        Method method = null;
        for (Method m : type.getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()
                    && m.getParameterTypes()[1] == contextType && !Modifier.isAbstract(m.getModifiers())) {
                method = m;
            }
        }
        if (method == null) {
            throw new IllegalStateException(className + " has no handleRequest(event, Context): it must implement RequestHandler");
        }
        Method stream = null;
        try {
            if (loader.loadClass(STREAM_HANDLER).isAssignableFrom(type)) {
                stream = type.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
            }
        } catch (ClassNotFoundException | NoSuchMethodException notAStreamHandler) {
            stream = null;
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor(Map.class);
        } catch (NoSuchMethodException withoutEnvironment) {
            try {
                constructor = type.getConstructor();
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(className + " needs a public constructor taking its environment"
                        + " (Map<String, String>) or a public no-argument one", e);
            }
        }
        return new HandlerClass(loader, type, method, stream, constructor, contextType, loggerType);
    }

    Class<?> type() {
        return type;
    }

    ClassLoader loader() {
        return loader;
    }

    /** A new handler (a cold start); the constructor's own exception is thrown as is. */
    Object newInstance(Map<String, String> environment) {
        return inFunction("construct", () -> takesEnvironment
                ? constructor.newInstance(Map.copyOf(environment)) : constructor.newInstance());
    }

    /**
     * Invokes {@code handler} with the event given as JSON. The response comes back as the local stack's
     * own class of the same name when it has one (API Gateway and SQS responses), else as its JSON text.
     */
    Object invoke(Object handler, String eventJson, LambdaContext context) {
        String json;
        String responseType;
        if (handleStream != null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            inFunction("invoke", () -> handleStream.invoke(handler,
                    new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, contextProxy(context)));
            json = out.toString(StandardCharsets.UTF_8);
            if (json.isEmpty() || json.equals("null")) {
                return null;
            }
            responseType = handleRequest.getReturnType().getName();
        } else {
            Object response = inFunction("invoke", () -> handleRequest.invoke(handler, input.fromJson(eventJson),
                    contextProxy(context)));
            if (response == null) {
                return null;
            }
            json = toJson(response);
            responseType = response.getClass().getName();
        }
        Class<?> local = localTypes.computeIfAbsent(responseType, HandlerClass::localType);
        return local == Void.class ? json : EventJson.read(json, local);
    }

    private String toJson(Object response) {
        PojoSerializer<Object> serializer = outputs.computeIfAbsent(response.getClass(), c -> serializer(c, loader));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(response, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Class<?> localType(String name) {
        try {
            return Class.forName(name, false, HandlerClass.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return Void.class;
        }
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type, ClassLoader loader) {
        return LambdaEventSerializers.serializerFor((Class<Object>) type, loader);
    }

    /** The function's own {@code Context} interface, answered by the local context. */
    private Object contextProxy(LambdaContext context) {
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "getLogger":
                    return loggerProxy(context);
                case "getIdentity":
                case "getClientContext":
                    return null;
                case "toString":
                    return "Context[" + context.getAwsRequestId() + "]";
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    return LambdaContext.class.getMethod(method.getName(), method.getParameterTypes()).invoke(context, args);
            }
        };
        return Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, handler);
    }

    private Object loggerProxy(LambdaContext context) {
        return Proxy.newProxyInstance(loader, new Class<?>[] {loggerType}, (proxy, method, args) -> {
            if (method.getName().equals("log") && args != null && args.length >= 1) {
                Object message = args[0];
                context.getLogger().log(message instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                        : String.valueOf(message));
                return null;
            }
            return method.getName().equals("toString") ? "LambdaLogger" : null;
        });
    }

    /** Calls into the function; the function's own exception comes out as is (reflection's wrapper removed). */
    private <T> T inFunction(String what, Callable<T> body) {
        try {
            return withContextClassLoader(loader, body);
        } catch (InvocationTargetException e) {
            throw sneaky(e.getCause());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot " + what + " " + type.getName() + ": " + e, e);
        }
    }

    /** Runs {@code body} with {@code loader} as the thread's context class loader, as Lambda's runtime does. */
    static <T> T withContextClassLoader(ClassLoader loader, Callable<T> body) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return body.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A handler's own exception, rethrown unchanged (checked ones included, as Lambda reports them). */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable error) throws E {
        throw (E) error;
    }
}
