package dev.switchboard.local;

import dev.switchboard.emulators.FunctionDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A function's code as Lambda receives it: the file its {@code CodeUri} names, relative to the template.
 * A jar (the shaded {@code target/lambda/<name>.jar} of each function module), or a directory laid out
 * like Lambda's zip packages (classes at the top, libraries in {@code lib/*.jar}).
 *
 * <p>Its class loader's parent is the platform class loader: the function sees the JDK and its own code,
 * nothing of the local stack's classpath, exactly as in Lambda. A library missing from the jar fails here
 * as it would there.
 */
final class FunctionCode {

    static final String BUILD_COMMAND = "mvn -q package -DskipTests";

    private final String functionLogicalId;
    private final Path path;

    private FunctionCode(String functionLogicalId, Path path) {
        this.functionLogicalId = functionLogicalId;
        this.path = path;
    }

    /** The code of {@code function} in a template that lives in {@code templateDirectory}. */
    static FunctionCode of(FunctionDefinition function, Path templateDirectory) {
        String codeUri = function.codeUri();
        if (codeUri == null || codeUri.isBlank()) {
            throw new IllegalStateException(function.logicalId() + " has no CodeUri in the template");
        }
        return new FunctionCode(function.logicalId(), templateDirectory.resolve(codeUri).normalize());
    }

    Path path() {
        return path;
    }

    boolean exists() {
        return Files.exists(path);
    }

    /** A new class loader over this code, child of the platform class loader. */
    URLClassLoader newClassLoader() {
        if (!exists()) {
            throw new IllegalStateException(functionLogicalId + ": " + path + " does not exist; build the functions"
                    + " first (" + BUILD_COMMAND + " in the project root)");
        }
        return new URLClassLoader(functionLogicalId, urls(), ClassLoader.getPlatformClassLoader());
    }

    private URL[] urls() {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(path.toUri().toURL());
            Path lib = path.resolve("lib");
            if (Files.isDirectory(path) && Files.isDirectory(lib)) {
                try (Stream<Path> jars = Files.list(lib)) {
                    for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                        urls.add(jar.toUri().toURL());
                    }
                }
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException("Not a usable path: " + path, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + path.resolve("lib"), e);
        }
        return urls.toArray(URL[]::new);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
