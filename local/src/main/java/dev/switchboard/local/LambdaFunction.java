package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.switchboard.emulators.FunctionDefinition;
import dev.switchboard.shared.config.Env;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One function of the template, loaded like a Lambda execution environment: its handler is constructed
 * once (the cold start) inside {@link Env#runWith} with the function's own environment, and every
 * invocation runs with that environment too.
 *
 * <p>Lambda never runs two invocations in one execution environment at once, so handlers may keep
 * per-invocation state in fields; invocations of one function are therefore serialized here.
 *
 * <p>A handler whose construction fails (a configuration error, typically) does not stop the stack: the
 * function reports {@link #initError()} and every invocation fails with it, like Lambda's init errors.
 */
public final class LambdaFunction {

    private final FunctionDefinition definition;
    private final Map<String, String> environment;
    private final RequestHandler<Object, Object> handler;
    private final Throwable initError;
    private final Duration initDuration;
    private final InvocationListener listener;
    private final ReentrantLock lock = new ReentrantLock(true);

    private LambdaFunction(FunctionDefinition definition, Map<String, String> environment,
            RequestHandler<Object, Object> handler, Throwable initError, Duration initDuration,
            InvocationListener listener) {
        this.definition = definition;
        this.environment = Map.copyOf(environment);
        this.handler = handler;
        this.initError = initError;
        this.initDuration = initDuration;
        this.listener = listener;
    }

    /** Loads and constructs the handler class named by the template; never throws. */
    static LambdaFunction load(FunctionDefinition definition, Map<String, String> environment,
            InvocationListener listener) {
        long start = System.nanoTime();
        try {
            RequestHandler<Object, Object> handler = Env.runWith(environment, () -> construct(definition, environment));
            return new LambdaFunction(definition, environment, handler, null,
                    Duration.ofNanos(System.nanoTime() - start), listener);
        } catch (RuntimeException | LinkageError e) {
            Throwable cause = e instanceof InitFailure && e.getCause() != null ? e.getCause() : e;
            return new LambdaFunction(definition, environment, null, cause,
                    Duration.ofNanos(System.nanoTime() - start), listener);
        }
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<Object, Object> construct(FunctionDefinition definition, Map<String, String> environment) {
        String className = definition.handlerClass();
        Class<?> type;
        try {
            // Initialized here, so that static initializers also see the function's environment.
            type = Class.forName(className, true, LambdaFunction.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Handler class " + className + " is not on the classpath", e);
        }
        if (!RequestHandler.class.isAssignableFrom(type)) {
            throw new IllegalStateException(className + " does not implement RequestHandler");
        }
        if (!definition.handlerMethod().equals("handleRequest")) {
            throw new IllegalStateException("Handler method must be handleRequest, got " + definition.handler());
        }
        try {
            // Handlers take their environment as a constructor argument (Lambda's no-arg one passes System.getenv()).
            try {
                return (RequestHandler<Object, Object>) type.getConstructor(Map.class).newInstance(environment);
            } catch (NoSuchMethodException noEnvironmentConstructor) {
                return (RequestHandler<Object, Object>) type.getDeclaredConstructor().newInstance();
            }
        } catch (InvocationTargetException e) {
            throw new InitFailure(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + " needs a public no-argument constructor", e);
        }
    }

    /** Carries the constructor's own exception out of {@link Env#runWith}. */
    private static final class InitFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InitFailure(Throwable cause) {
            super(cause);
        }
    }

    public String logicalId() {
        return definition.logicalId();
    }

    public FunctionDefinition definition() {
        return definition;
    }

    /** The environment the handler was constructed and is invoked with. */
    public Map<String, String> environment() {
        return environment;
    }

    public boolean isReady() {
        return handler != null;
    }

    public Optional<Throwable> initError() {
        return Optional.ofNullable(initError);
    }

    public Duration initDuration() {
        return initDuration;
    }

    /** One line for the startup output when the handler could not be constructed. */
    public String initErrorSummary() {
        if (initError == null) {
            return "";
        }
        String message = initError.getMessage();
        return initError.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    /**
     * Invokes the handler with {@code event} and a fresh {@link LambdaContext}. Handler exceptions are
     * rethrown; a function whose construction failed throws {@link FunctionInitException}.
     */
    public Object invoke(Object event) {
        LambdaContext context = LambdaContext.forInvocation(definition.logicalId(), definition.memorySize(),
                definition.timeoutSeconds());
        if (handler == null) {
            FunctionInitException e = new FunctionInitException(definition.logicalId(), initError);
            listener.onInvocation(new Invocation(logicalId(), context.getAwsRequestId(), event, null,
                    Optional.of(e), Duration.ZERO));
            throw e;
        }
        lock.lock();
        long start = System.nanoTime();
        Object response = null;
        Throwable error = null;
        try {
            response = Env.runWith(environment, () -> handler.handleRequest(event, context));
            return response;
        } catch (RuntimeException | Error e) {
            error = e;
            throw e;
        } finally {
            lock.unlock();
            Duration duration = Duration.ofNanos(System.nanoTime() - start);
            if (duration.toMillis() > definition.timeoutSeconds() * 1000L) {
                ConsoleLog.warn(logicalId(), "took " + duration.toMillis() + " ms, over its Timeout of "
                        + definition.timeoutSeconds() + " s: Lambda would have stopped it (Task timed out)");
            }
            try {
                listener.onInvocation(new Invocation(logicalId(), context.getAwsRequestId(), event, response,
                        Optional.ofNullable(error), duration));
            } catch (RuntimeException listenerError) {
                ConsoleLog.error(logicalId(), "invocation listener failed", listenerError);
            }
        }
    }

    /** Thrown by {@link #invoke} when the handler could not be constructed. */
    public static final class FunctionInitException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FunctionInitException(String functionLogicalId, Throwable cause) {
            super(functionLogicalId + " failed to initialize: " + cause, cause);
        }
    }
}
