package dev.switchboard.bench.coldstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One function in a process of its own, as a SnapStart environment lives:
 * {@code java -cp cold-start-runner.jar:<function>.jar dev.switchboard.bench.coldstart.PrimingRunner
 * <HandlerClass> <event.json> prime|no-prime <warm requests>}. Constructs the handler (init); with
 * {@code prime}, runs what Lambda runs before the snapshot ({@code Priming.runBeforeCheckpoint}) and after the
 * restore ({@code RestoreHooks.runAfterRestore}); then times the first request on the event, then
 * {@code <warm requests>} more, and prints {@code RESULT init_ms prime_ms first_us warm_median_us warm_p90_us peak_rss_mb}.
 * Each request is invoked as Lambda's runtime would ({@link RuntimeInvoker}), from the event's bytes afresh.
 */
public final class PrimingRunner {

    private PrimingRunner() {
    }

    public static void main(String[] args) throws Exception {
        String handlerName = args[0];
        Path eventFile = Path.of(args[1]);
        boolean prime = args[2].equals("prime");
        int warm = Integer.parseInt(args[3]);
        ClassLoader loader = PrimingRunner.class.getClassLoader();

        long t0 = System.nanoTime();
        Class<?> handlerClass = Class.forName(handlerName, true, loader);
        Object handler = handlerClass.getDeclaredConstructor().newInstance();
        long t1 = System.nanoTime();
        long primeNanos = 0;
        if (prime) {
            long p0 = System.nanoTime();
            int primed = (Integer) Class.forName("dev.switchboard.shared.config.Priming", true, loader)
                    .getMethod("runBeforeCheckpoint").invoke(null);
            Class.forName("dev.switchboard.shared.config.RestoreHooks", true, loader).getMethod("runAfterRestore").invoke(null);
            primeNanos = System.nanoTime() - p0;
            if (primed != 1) {
                throw new IllegalStateException(handlerName + " registered " + primed + " primers, not 1");
            }
        }
        RuntimeInvoker invoker = new RuntimeInvoker(handler, loader);
        byte[] eventBytes = Files.readAllBytes(eventFile);

        long first = invoke(invoker, eventBytes, true);
        long[] warmNanos = new long[warm];
        for (int i = 0; i < warm; i++) {
            warmNanos[i] = invoke(invoker, eventBytes, false);
        }
        Arrays.sort(warmNanos);
        long median = warm == 0 ? 0 : warmNanos[warm / 2];
        long p90 = warm == 0 ? 0 : warmNanos[Math.min(warm - 1, (int) Math.ceil(warm * 0.9) - 1)];
        System.out.printf("RESULT %d %d %d %d %d %d%n", (t1 - t0) / 1_000_000, primeNanos / 1_000_000, first / 1_000,
                median / 1_000, p90 / 1_000, peakResidentMb());
    }

    /** The process's peak resident memory (VmHWM), what Lambda reports as Max Memory Used; -1 where unknown. */
    private static long peakResidentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }

    private static long invoke(RuntimeInvoker invoker, byte[] event, boolean print) throws Exception {
        long start = System.nanoTime();
        byte[] response = invoker.invoke(event, null);
        long elapsed = System.nanoTime() - start;
        if (print) {
            System.out.println("RESPONSE " + new String(response, java.nio.charset.StandardCharsets.UTF_8));
        }
        return elapsed;
    }
}
