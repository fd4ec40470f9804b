package dev.switchboard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The incoming-call benchmark's operations timed by this thread's CPU time instead of the wall clock: on a
 * machine others are using, JMH's wall-clock scores grow with the load (the thread waits for a core), while
 * CPU time per operation does much less. Not a replacement for JMH on a quiet machine; a way to compare
 * builds on a busy one.
 *
 * <pre>java -Dlogback.configurationFile=logback-bench.xml -cp benchmarks/jmh/target/benchmarks.jar \
 *     dev.switchboard.bench.CpuTimePerOp [operations per round] [rounds]</pre>
 */
public final class CpuTimePerOp {

    private CpuTimePerOp() {
    }

    public static void main(String[] args) {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        IncomingCallBenchmark benchmark = new IncomingCallBenchmark();
        benchmark.setUp();
        double[] handler = new double[rounds];
        double[] twiml = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < operations; i++) {
                benchmark.incomingCall();
            }
            long middle = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < operations; i++) {
                benchmark.forwardTwimlPerCall();
            }
            long end = threads.getCurrentThreadCpuTime();
            handler[round] = (middle - start) / 1e3 / operations;
            twiml[round] = (end - middle) / 1e3 / operations;
        }
        // The first third is warm-up.
        System.out.printf(Locale.ROOT, "incomingCall: median %.1f µs CPU/op; forwardTwimlPerCall (TwiML as built per call"
                + " before): median %.1f µs CPU/op (%d rounds of %d, the first %d dropped)%n", median(handler, rounds / 3),
                median(twiml, rounds / 3), rounds, operations, rounds / 3);
    }

    private static double median(double[] values, int skip) {
        double[] kept = Arrays.copyOfRange(values, skip, values.length);
        Arrays.sort(kept);
        return kept[kept.length / 2];
    }
}
