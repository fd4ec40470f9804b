package dev.switchboard.local.scenarios;

import dev.switchboard.local.FunctionLog;
import dev.switchboard.local.FunctionLogListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.event.Level;

/**
 * Every line the stack's functions log (each through its own jar's Logback), with the stack trace of any
 * exception logged with it, and the JSON each function's layout renders (what Lambda ships to CloudWatch):
 * for asserting what an engineer would read, and what must never be there. Give it to
 * {@code LocalStack.Builder.functionLogListener}.
 */
public final class FunctionLogs implements FunctionLogListener {

    public record Line(Level level, String logger, String text) {
        @Override
        public String toString() {
            return level + " " + logger + " " + text;
        }
    }

    private final List<Line> lines = Collections.synchronizedList(new ArrayList<>());
    private final List<String> rendered = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onLog(FunctionLog log) {
        StringBuilder text = new StringBuilder(log.message());
        if (log.thrown() != null) {
            StringWriter trace = new StringWriter();
            log.thrown().printStackTrace(new PrintWriter(trace));
            text.append('\n').append(trace);
        }
        lines.add(new Line(Level.valueOf(log.level()), log.logger(), text.toString()));
        rendered.add(log.json() + "\n");
    }

    public List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public List<Line> at(Level level) {
        return lines().stream().filter(l -> l.level() == level).toList();
    }

    /** The functions' console output: one JSON object per line. */
    public String stdout() {
        synchronized (rendered) {
            return String.join("", rendered);
        }
    }

    public String all() {
        StringBuilder all = new StringBuilder();
        lines().forEach(l -> all.append(l).append('\n'));
        return all.toString();
    }
}
