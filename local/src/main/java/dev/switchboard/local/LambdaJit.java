package dev.switchboard.local;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs the stack's JVM with Lambda's JIT and collector. Lambda's Java 17 and 21 runtimes stop tiered
 * compilation at level 1 (C1 only), and its Java 17 runtime collects with the serial collector (AWS Lambda
 * developer guide, "Customize Java runtime startup behavior"). A stack that runs its functions with C2 as well
 * spends its CPU compiling for minutes after the start, which on a 2-core machine is what a caller waits behind
 * (docs/performance.md, "Local stack under load"), and G1's pauses and barriers cost it more than the serial
 * collector's.
 *
 * <p>{@code java -jar switchboard-local.jar} cannot carry a JVM flag, so {@code run} starts the same command
 * again in a child JVM with {@value #FLAG} and {@value #SERIAL_GC} (and this JVM's own options), passes its
 * output through, stops it when this process is stopped, and exits with its exit code. It does not relaunch
 * when the JVM's tiered compilation was set by hand ({@code java -XX:TieredStopAtLevel=4 -jar ...} keeps C2),
 * when {@value #JIT_ENV}{@code =default}, or in the child itself; a collector set by hand is kept.
 */
final class LambdaJit {

    static final String FLAG = "-XX:TieredStopAtLevel=1";
    /** Lambda's Java 17 runtime's collector; added unless a collector was chosen by hand. */
    static final String SERIAL_GC = "-XX:+UseSerialGC";
    /** {@code lambda} (default): C1 only, as in Lambda; {@code default}: the JVM's own tiered compilation. */
    static final String JIT_ENV = "SWITCHBOARD_LOCAL_JIT";
    /** Set in the child to the first JVM's pid: it never starts another, and it stops when that process is gone. */
    static final String CHILD_ENV = "SWITCHBOARD_LOCAL_JIT_CHILD";

    /** What {@link #relaunch} returns when the child could not start (this JVM runs the stack instead). */
    static final int NOT_STARTED = -2;

    /** Commands that run no stack, and asking for usage: this JVM answers them. */
    private static final Set<String> NOT_THE_STACK = Set.of("invoke", "simulate", "redrive", "help", "-h", "--help");

    /** The JVM options that choose the JIT's tiers, and those that choose the collector. */
    static final List<String> TIERED_OPTIONS = List.of("TieredStopAtLevel", "TieredCompilation");
    static final List<String> COLLECTOR_OPTIONS = List.of("UseSerialGC", "UseParallelGC", "UseG1GC", "UseZGC",
            "UseShenandoahGC", "UseEpsilonGC");

    private LambdaJit() {
    }

    /**
     * Whether {@code args} start the stack ({@code run}, or no command) with the stack's own JIT to be set:
     * not asked for help, not turned off by {@value #JIT_ENV}, not in the child, not set by hand.
     */
    static boolean relaunchWanted(String[] args, Map<String, String> env, Function<String, VMOption.Origin> origin) {
        if (env.containsKey(CHILD_ENV) || "default".equalsIgnoreCase(env.getOrDefault(JIT_ENV, "lambda").trim())) {
            return false;
        }
        for (String arg : args) {
            if (NOT_THE_STACK.contains(arg)) {
                return false;
            }
        }
        return !setByHand(TIERED_OPTIONS, origin);
    }

    /**
     * Whether any of {@code options} was set on this JVM's command line or through {@code JAVA_TOOL_OPTIONS} /
     * {@code JDK_JAVA_OPTIONS}, rather than left to its default or to the JVM's ergonomics.
     */
    static boolean setByHand(List<String> options, Function<String, VMOption.Origin> origin) {
        for (String option : options) {
            VMOption.Origin set = origin.apply(option);
            if (set != null && set != VMOption.Origin.DEFAULT && set != VMOption.Origin.ERGONOMIC) {
                return true;
            }
        }
        return false;
    }

    /** Where this JVM's options came from (command line, environment variable...), or null when it has none. */
    static VMOption.Origin origin(String option) {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(option).getOrigin();
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * The child's command line: this JVM's java, its options, the flag (and the serial collector unless a collector
     * was chosen by hand, whether in {@code jvmOptions} or in an environment variable the child inherits), the same
     * class path, main class and args.
     */
    static List<String> childCommand(String javaHome, List<String> jvmOptions, boolean collectorChosen,
            String classPath, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(javaHome, "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add(FLAG);
        if (!collectorChosen) {
            command.add(SERIAL_GC);
        }
        command.add("-cp");
        command.add(classPath);
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs the stack in a child JVM with {@value #FLAG} (and {@value #SERIAL_GC}) until it exits; returns its exit code, {@link Main#RUN_STOPPED}
     * when this process is being stopped, or {@link #NOT_STARTED} when no child could start.
     */
    static int relaunch(String[] args) {
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                // JDK_JAVA_OPTIONS and JAVA_TOOL_OPTIONS reach the child through its environment already.
                .filter(option -> !fromEnvironment(option))
                .toList();
        ProcessBuilder builder = new ProcessBuilder(childCommand(System.getProperty("java.home"), jvmOptions,
                setByHand(COLLECTOR_OPTIONS, LambdaJit::origin), System.getProperty("java.class.path"), args))
                .inheritIO();
        builder.environment().put(CHILD_ENV, Long.toString(ProcessHandle.current().pid()));
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            System.err.println("warning: could not start the stack with Lambda's JIT setting (" + e.getMessage()
                    + "); running it with this JVM's");
            return NOT_STARTED;
        }
        // Stopping this process (Ctrl-C, kill) stops the stack, which then shuts down as it does on its own.
        Thread stopChild = new Thread(() -> {
            child.destroy();
            try {
                child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "local-stack-child-stop");
        Runtime.getRuntime().addShutdownHook(stopChild);
        int code;
        try {
            code = child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopChild);
        } catch (IllegalStateException e) {
            // This process is being stopped (Ctrl-C): the child stopped with it; System.exit would wait for itself.
            return Main.RUN_STOPPED;
        }
        return code;
    }

    /**
     * In the child: stops this JVM (its shutdown hooks stop the stack) once the first JVM is gone, even when that
     * one was killed without running its own hooks ({@code kill -9}, {@code Process.destroyForcibly}), so no stack
     * is left holding the ports.
     */
    static void exitWithParent(Map<String, String> env) {
        String parent = env.get(CHILD_ENV);
        if (parent == null) {
            return;
        }
        try {
            ProcessHandle.of(Long.parseLong(parent.trim())).ifPresentOrElse(
                    handle -> handle.onExit().thenRun(() -> System.exit(0)),
                    () -> System.exit(0));
        } catch (NumberFormatException e) {
            // Not a pid (set by hand): nothing to follow.
        }
    }

    private static boolean fromEnvironment(String option) {
        for (String variable : List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS")) {
            String value = System.getenv(variable);
            if (value != null && List.of(value.trim().split("\\s+")).contains(option)) {
                return true;
            }
        }
        return false;
    }
}
