package dev.switchboard.local;

import dev.switchboard.emulators.FunctionDefinition;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One function of the template, run like Lambda runs it: its own code (the jar its {@code CodeUri} names)
 * in its own class loader, handlers constructed with the function's environment, and as many instances as
 * concurrent invocations need, up to a cap.
 *
 * <p>Like Lambda's execution environments, an instance serves one invocation at a time (so handlers may
 * keep per-invocation state in fields) and is reused afterwards; when all are busy a new one is
 * constructed (a cold start) until {@code maxConcurrency} exist, after which invocations wait for one to
 * become free. The first instance is constructed by {@link #initialize()} (Lambda's init phase, which the
 * stack runs when it starts, in the background), so that a configuration error shows at startup; whatever
 * needs the function waits for it.
 *
 * <p>A function whose code or first construction fails (a missing setting, typically) does not stop the
 * stack: it reports {@link #initError()} and every invocation fails with it, like Lambda's init errors.
 */
public final class LambdaFunction implements AutoCloseable {

    private final FunctionDefinition definition;
    private final Map<String, String> environment;
    private final FunctionCode code;
    private final InvocationListener listener;
    private final FunctionLogListener logListener;
    private final int maxConcurrency;
    private final CompletableFuture<Void> initialized = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();

    private volatile HandlerClass handler;
    private volatile Throwable initError;
    private volatile Duration initDuration = Duration.ZERO;

    /** One permit per instance that may exist; fair, so waiting invocations are served first come, first served. */
    private final Semaphore permits;
    private final Deque<Object> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger instances = new AtomicInteger();

    /** How functions are run: instances per function, who hears about invocations and log lines. */
    record Options(int maxConcurrency, InvocationListener invocationListener, FunctionLogListener logListener) {
        Options {
            if (maxConcurrency < 1) {
                throw new IllegalArgumentException("maxConcurrency must be at least 1, got " + maxConcurrency);
            }
        }
    }

    /** A function not loaded yet: {@link #initialize()} loads it, everything else waits for that. */
    LambdaFunction(FunctionDefinition definition, FunctionCode code, Map<String, String> environment, Options options) {
        this.definition = definition;
        this.environment = Map.copyOf(environment);
        this.code = code;
        this.listener = options.invocationListener();
        this.logListener = options.logListener();
        this.maxConcurrency = options.maxConcurrency();
        this.permits = new Semaphore(maxConcurrency, true);
    }

    /** Loads and initializes in one go (see {@link #initialize()}). */
    static LambdaFunction load(FunctionDefinition definition, FunctionCode code, Map<String, String> environment,
            Options options) {
        LambdaFunction function = new LambdaFunction(definition, code, environment, options);
        function.initialize();
        return function;
    }

    /**
     * Loads the function's code and constructs its first handler (Lambda's init phase); never throws (see
     * {@link #initError()}). Runs once.
     */
    void initialize() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        long start = System.nanoTime();
        try {
            FunctionLogTap.running(this, () -> {
                handler = code.handlerClass(definition);
                idle.push(handler.newInstance(environment));
                return null;
            });
            instances.set(1);
        } catch (Exception | LinkageError e) {
            initError = e;
        } finally {
            initDuration = Duration.ofNanos(System.nanoTime() - start);
            initialized.complete(null);
        }
    }

    /** Waits for {@link #initialize()} (run by the stack in the background). */
    private void awaitInitialized() {
        try {
            initialized.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(logicalId() + ": interrupted while waiting for its initialization", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Whether {@link #initialize()} has finished (successfully or not). */
    public boolean isInitialized() {
        return initialized.isDone();
    }

    public String logicalId() {
        return definition.logicalId();
    }

    public FunctionDefinition definition() {
        return definition;
    }

    /** The environment the handlers are constructed with. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Where the function's code was loaded from. */
    public FunctionCode code() {
        return code;
    }

    /** The handler class, as loaded by the function's own class loader; empty when loading failed. */
    public Optional<Class<?>> handlerClass() {
        awaitInitialized();
        return Optional.ofNullable(handler).map(HandlerClass::type);
    }

    /** Initialized without error (waits for the initialization). */
    public boolean isReady() {
        awaitInitialized();
        return initError == null;
    }

    /** Why initialization failed (waits for it). */
    public Optional<Throwable> initError() {
        awaitInitialized();
        return Optional.ofNullable(initError);
    }

    public Duration initDuration() {
        awaitInitialized();
        return initDuration;
    }

    /** Handler instances constructed so far (at most {@code maxConcurrency}). */
    public int instances() {
        return instances.get();
    }

    /** One line for the startup output when the function could not be loaded. */
    public String initErrorSummary() {
        awaitInitialized();
        if (initError == null) {
            return "";
        }
        String message = initError.getMessage();
        return initError.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    /**
     * Invokes a handler instance with {@code event} (an {@code APIGatewayV2HTTPEvent} or {@code SQSEvent})
     * and a fresh {@link LambdaContext}; returns the response as the local stack's class of the same name.
     * Handler exceptions are rethrown; a function that could not be loaded throws {@link FunctionInitException}.
     */
    public Object invoke(Object event) {
        awaitInitialized();
        LambdaContext context = LambdaContext.forInvocation(definition.logicalId(), definition.memorySize(),
                definition.timeoutSeconds());
        if (initError != null) {
            FunctionInitException e = new FunctionInitException(definition.logicalId(), initError);
            listener.onInvocation(new Invocation(logicalId(), context.getAwsRequestId(), event, null,
                    Optional.of(e), Duration.ZERO));
            throw e;
        }
        String json = EventJson.write(event);
        long start = System.nanoTime();
        Object response = null;
        Throwable error = null;
        try {
            Object instance = acquire();
            try {
                response = FunctionLogTap.running(this, () -> handler.invoke(instance, json, context));
            } finally {
                release(instance);
            }
            return response;
        } catch (Throwable e) {
            error = e;
            throw e;
        } finally {
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

    /**
     * A free instance: once one of the {@code maxConcurrency} permits is ours (waiting in line for it), an idle
     * instance if there is one, else a new one (a cold start). Holding a permit, there always is one of either.
     */
    private Object acquire() {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(logicalId() + ": interrupted while waiting for a free instance", e);
        }
        Object instance = idle.pollFirst();
        if (instance != null) {
            return instance;
        }
        try {
            instance = handler.newInstance(environment);
            instances.incrementAndGet();
            return instance;
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    /** Most recently used first, as Lambda prefers warm environments. */
    private void release(Object instance) {
        idle.push(instance);
        permits.release();
    }

    /** A line the function logged while it ran for this stack. */
    void log(FunctionLog line) {
        logListener.onLog(line);
    }

    /**
     * Stops taking invocations (after its initialization, if that is running). The class loader stays with
     * {@link FunctionCode}, for the next stack in this JVM.
     */
    @Override
    public void close() {
        if (started.compareAndSet(false, true)) {
            initError = new IllegalStateException(logicalId() + " was not initialized: the stack closed first");
            initialized.complete(null);
        }
        awaitInitialized();
    }

    /** Thrown by {@link #invoke} when the function could not be loaded. */
    public static final class FunctionInitException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FunctionInitException(String functionLogicalId, Throwable cause) {
            super(functionLogicalId + " failed to initialize: " + cause, cause);
        }
    }
}
