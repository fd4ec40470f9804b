package dev.switchboard.local;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The functions' log output (Logback), taken from inside each function's class loader ({@code bridge.LogbackTap}) and
 * handed to the function running on the logging thread: a class loader serves every stack that runs its
 * function in this JVM, the lines go to the stack whose invocation (or initialization) logged them.
 */
final class FunctionLogTap {

    private static final ThreadLocal<LambdaFunction> RUNNING = new ThreadLocal<>();

    private FunctionLogTap() {
    }

    /** Installs the tap in {@code loader}, the code of {@code functionId}; a function without Logback is left as is. */
    static void install(String functionId, ClassLoader loader) {
        @SuppressWarnings("unchecked")
        Consumer<Map<String, Object>> sink = values -> route(new FunctionLog(functionId, (String) values.get("level"),
                (String) values.get("logger"), (String) values.get("message"), (Throwable) values.get("thrown"),
                (Supplier<String>) values.get("rendered")));
        try {
            Class<?> tap = new BridgeClassLoader(loader).loadClass(BridgeClassLoader.PACKAGE + "LogbackTap");
            HandlerClass.withContextClassLoader(loader, () ->
                    tap.getMethod("install", ClassLoader.class, Consumer.class).invoke(null, loader, sink));
        } catch (NoClassDefFoundError | ClassNotFoundException noLogback) {
            // A function without Logback logs however it does, straight to stdout.
        } catch (InvocationTargetException e) {
            if (!(e.getCause() instanceof NoClassDefFoundError)) {
                ConsoleLog.warn(functionId, "its log output could not be tapped (" + e.getCause() + "); it prints as is");
            }
        } catch (Exception e) {
            ConsoleLog.warn(functionId, "its log output could not be tapped (" + e + "); it prints as is");
        }
    }

    /** Runs {@code body} (an initialization or invocation of {@code function}) with its log lines going to it. */
    static <T> T running(LambdaFunction function, Supplier<T> body) {
        LambdaFunction previous = RUNNING.get();
        RUNNING.set(function);
        try {
            return body.get();
        } finally {
            RUNNING.set(previous);
        }
    }

    /** A line logged outside any invocation (a background thread of the function) is printed as is. */
    private static void route(FunctionLog log) {
        LambdaFunction running = RUNNING.get();
        if (running != null) {
            running.log(log);
        } else {
            ConsoleLog.function(log, false);
        }
    }
}
