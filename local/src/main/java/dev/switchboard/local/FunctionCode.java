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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A function's code as Lambda receives it: the file its {@code CodeUri} names, relative to the template.
 * A jar (the shaded {@code target/lambda/<name>.jar} of each function module), or a directory laid out
 * like Lambda's zip packages (classes at the top, libraries in {@code lib/*.jar}).
 *
 * <p>Its class loader's parent is the platform class loader: the function sees the JDK and its own code,
 * nothing of the local stack's classpath, exactly as in Lambda. A library missing from the jar fails here
 * as it would there.
 *
 * <p>A function's class loader is made once per JVM and kept (while the jar is unchanged) for every later
 * stack that runs the function, the way Lambda keeps an execution environment warm: each stack constructs
 * its own handlers, static state carries over. Tests start many stacks in one JVM; a class loader per stack
 * would load every library again each time, and could never be unloaded (the AWS SDK's timer threads, which
 * Lambda never stops either, keep it alive).
 */
final class FunctionCode {

    static final String BUILD_COMMAND = "mvn -q package -DskipTests";

    /** Class loaders by function, code and version of the code; see the class comment. */
    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();

    /** A function's class loader, its log tap installed, and the handler classes loaded from it. */
    private record Loaded(URLClassLoader loader, Map<String, HandlerClass> handlers) {
    }

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

    /**
     * The handler class the definition names, from this function's class loader (made and given its log tap
     * on first use in this JVM); throws with a clear message when the code or the class is missing.
     */
    HandlerClass handlerClass(FunctionDefinition definition) {
        Loaded loaded = LOADED.computeIfAbsent(functionLogicalId + "|" + path + "|" + version(), key -> {
            URLClassLoader loader = newClassLoader();
            FunctionLogTap.install(functionLogicalId, loader);
            return new Loaded(loader, new ConcurrentHashMap<>());
        });
        HandlerClass known = loaded.handlers().get(definition.handlerClass());
        if (known != null) {
            return known;
        }
        HandlerClass handler = HandlerClass.load(definition, this, loaded.loader());
        loaded.handlers().putIfAbsent(definition.handlerClass(), handler);
        return loaded.handlers().get(definition.handlerClass());
    }

    /** When and how big: a rebuilt jar gets a class loader of its own. */
    private String version() {
        try {
            return Files.getLastModifiedTime(path).toMillis() + ":" + (Files.isDirectory(path) ? 0 : Files.size(path));
        } catch (IOException e) {
            return "unreadable";
        }
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
