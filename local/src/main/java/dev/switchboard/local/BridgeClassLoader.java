package dev.switchboard.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Loads the local stack's {@code dev.switchboard.local.bridge} classes as children of a function's class
 * loader, so that they link against the function's own libraries (its Logback, say) and nothing else of the
 * local stack.
 */
final class BridgeClassLoader extends ClassLoader {

    static final String PACKAGE = "dev.switchboard.local.bridge.";

    BridgeClassLoader(ClassLoader functionLoader) {
        super("local-bridge", functionLoader);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(PACKAGE)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                String resource = name.replace('.', '/') + ".class";
                try (InputStream in = BridgeClassLoader.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    loaded = defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + resource, e);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }
}
