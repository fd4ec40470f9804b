package dev.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's sample events from wherever the benchmark is started. */
final class ProjectFiles {

    private ProjectFiles() {
    }

    static String events(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run the benchmark from inside the project (template.yaml not found)");
        }
        return dir.resolve("events").resolve(name).toString();
    }
}
