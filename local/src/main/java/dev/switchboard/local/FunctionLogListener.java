package dev.switchboard.local;

/** Observes what the functions of a {@link LocalStack} log (e.g. tests asserting on log lines). Keep it quick. */
@FunctionalInterface
public interface FunctionLogListener {

    void onLog(FunctionLog log);

    FunctionLogListener NONE = log -> { };
}
