package dev.switchboard.bench.coldstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
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
 * Each request's event is read afresh with Lambda's serializers, and its response written as Lambda would.
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
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> handler =
                (RequestHandler<Object, Object>) handlerClass.getDeclaredConstructor().newInstance();
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
        Class<?>[] types = ColdStartRunnerTypes.of(handlerClass);
        @SuppressWarnings("unchecked")
        PojoSerializer<Object> input = (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(types[0], loader);
        @SuppressWarnings("unchecked")
        PojoSerializer<Object> output = (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(types[1], loader);
        byte[] eventBytes = Files.readAllBytes(eventFile);

        long first = invoke(handler, input, output, eventBytes, true);
        long[] warmNanos = new long[warm];
        for (int i = 0; i < warm; i++) {
            warmNanos[i] = invoke(handler, input, output, eventBytes, false);
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

    private static long invoke(RequestHandler<Object, Object> handler, PojoSerializer<Object> input,
            PojoSerializer<Object> output, byte[] event, boolean print) throws Exception {
        long start = System.nanoTime();
        Object request;
        try (InputStream in = new java.io.ByteArrayInputStream(event)) {
            request = input.fromJson(in);
        }
        Object response = handler.handleRequest(request, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        output.toJson(response, out);
        long elapsed = System.nanoTime() - start;
        if (print) {
            System.out.println("RESPONSE " + out.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
        return elapsed;
    }
}
