package dev.switchboard.local.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a program of the machine (cfn-lint, python3, bash) for a test; null when it is not installed. */
public final class ExternalCommand {

    /** What a finished process printed and how it ended. */
    public record Run(int exitCode, String stdout, String stderr) {
    }

    private ExternalCommand() {
    }

    /** Runs {@code command} in {@code directory} with {@code stdin}; null when the program cannot be started. */
    public static Run run(List<String> command, Path directory, Map<String, String> environment, String stdin) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException notInstalled) {
            return null;
        }
        try {
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not finish within 5 minutes");
            }
            return new Run(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new AssertionError("Talking to " + command + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + command, e);
        }
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
