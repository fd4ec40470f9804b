package dev.switchboard.bench.coldstart;

import java.lang.management.ManagementFactory;
import org.slf4j.LoggerFactory;

/**
 * The logging backend's share of a cold start: {@code java <Lambda's flags> -cp cold-start-runner.jar:<function>.jar
 * dev.switchboard.bench.coldstart.LogProbe} gets a logger and writes one INFO line (the function's JSON line on
 * stdout), then prints to stderr the wall-clock milliseconds and the main thread's CPU milliseconds that took,
 * and the classes loaded by then: {@code probe <wall ms> <cpu ms> <classes>}. Nothing else runs before it.
 */
public final class LogProbe {

    private LogProbe() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        LoggerFactory.getLogger("dev.switchboard.probe.LogProbe").info("probe line");
        long wall = System.nanoTime() - start;
        // Read after the measurement: the management classes are not part of it.
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        System.err.printf("probe %d %d %d%n", wall / 1_000_000, cpu / 1_000_000, classes);
    }
}
