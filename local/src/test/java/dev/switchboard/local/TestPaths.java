package dev.switchboard.local;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the project's files are when tests run from the local/ module directory. */
final class TestPaths {

    private TestPaths() {
    }

    static Path template() {
        String configured = System.getProperty("switchboard.template");
        return (configured != null ? Path.of(configured) : Path.of("..", "template.yaml")).toAbsolutePath().normalize();
    }

    static Path projectRoot() {
        return template().getParent();
    }

    /** A file under src/test/resources. */
    static Path resource(String name) {
        try {
            return Paths.get(TestPaths.class.getResource("/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalArgumentException("No test resource " + name, e);
        }
    }
}
