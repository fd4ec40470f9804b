package dev.switchboard.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code run} (also what the command line does without a command): the stack until Ctrl-C. */
@Command(name = "run", header = "Run the stack: emulators, routes, queue pollers, Twilio sandbox.",
        description = "Start DynamoDB Local, ElasticMQ (SQS) and s3proxy (S3) in-process, create the template's tables, "
                + "queues and buckets, serve its HttpApi routes and poll its SQS event sources. Ctrl-C stops "
                + "everything. Every function gets the template's variables, then local defaults (printed at "
                + "startup), then this process's environment, then the emulators' AWS settings.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Mixin
    StackOptions stack;

    private final PrintStream out;

    RunCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        return run(stack, out);
    }

    /** Starts the stack and returns once it has stopped (the JVM is shutting down). */
    static int run(StackOptions options, PrintStream out) {
        ConsoleLog.to(out);
        Path template = options.template();
        ConsoleLog.info("local", "starting (template " + template.toAbsolutePath().normalize() + ")");
        long start = System.nanoTime();
        LocalStack stack = options.builder().awaitFunctions(false).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ConsoleLog.info("local", "stopping");
            stack.close();
            ConsoleLog.info("local", "stopped");
            stopped.countDown();
        }, "local-stack-shutdown"));
        stack.printSummary();
        ConsoleLog.info("local", "started in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms;"
                + " functions are initializing (a request waits for its function)");
        stack.functionsInitialized().thenRun(() -> {
            long failed = stack.functions().values().stream().filter(f -> !f.isReady()).count();
            ConsoleLog.info("local", stack.functions().size() + " functions initialized"
                    + (failed == 0 ? "" : ", " + failed + " of them FAILED (see above)") + " "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms after the start");
        });
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
