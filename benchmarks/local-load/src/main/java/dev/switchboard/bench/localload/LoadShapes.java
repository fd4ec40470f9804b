package dev.switchboard.bench.localload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The two shapes of load and how their latencies are read, for any call that completes with the
 * {@link System#nanoTime()} its answer arrived: {@link LocalLoadRunner} (webhooks through the local stack) and
 * {@code benchmarks/local-load/DynamoLocalLatency.java} (DynamoDB Local's own write) measure the same way.
 */
public final class LoadShapes {

    private LoadShapes() {
    }

    /**
     * {@code rate} calls a second for {@code seconds}, each started at its planned time whatever the earlier
     * ones are doing; each latency (ms) counts from that planned time (no coordinated omission).
     */
    public static List<Long> steady(int rate, int seconds, Supplier<CompletableFuture<Long>> call)
            throws InterruptedException {
        int total = rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        List<CompletableFuture<Long>> calls = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            long planned = start + i * intervalNanos;
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            calls.add(call.get().thenApply(done -> (done - planned) / 1_000_000));
        }
        return join(calls);
    }

    /** {@code callers} calls released together on {@code executor}, {@code times} times; latency (ms) of each. */
    public static List<Long> bursts(int callers, int times, ExecutorService executor,
                                    Supplier<CompletableFuture<Long>> call) throws InterruptedException {
        List<Long> latencies = new ArrayList<>();
        for (int b = 0; b < times; b++) {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Long>> calls = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    long sent = System.nanoTime();
                    return call.get().thenApply(done -> (done - sent) / 1_000_000).join();
                }, executor));
            }
            go.countDown();
            latencies.addAll(join(calls));
            Thread.sleep(200);
        }
        return latencies;
    }

    /** The table's header; {@code what} names the first column. */
    public static String header(String what) {
        return "| " + what + " | calls | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|---|";
    }

    /** One row of the table: count, p50, p90, p99 and max of {@code latencies}. */
    public static String row(String what, List<Long> latencies) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return "| " + what + " | " + sorted.size() + " | " + percentile(sorted, 50) + " | " + percentile(sorted, 90)
                + " | " + percentile(sorted, 99) + " | " + sorted.get(sorted.size() - 1) + " |";
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static List<Long> join(List<CompletableFuture<Long>> calls) {
        List<Long> latencies = new ArrayList<>();
        for (CompletableFuture<Long> call : calls) {
            latencies.add(call.join());
        }
        return latencies;
    }
}
