package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar switchboard-local.jar} as people run it: the stack runs in a child JVM with Lambda's JIT. */
class LambdaJitIT {

    @Test
    void theStackRunsC1OnlyInAChildThatStopsWithTheCommand(@TempDir Path data) throws Exception {
        runAndStop(data, false);
    }

    @Test
    void theChildStopsToWhenTheCommandIsKilledWithoutItsHooks(@TempDir Path data) throws Exception {
        runAndStop(data, true);
    }

    private static void runAndStop(Path data, boolean forcibly) throws Exception {
        Path jar = TestPaths.projectRoot().resolve("local/target/switchboard-local.jar");
        int port = freePort();
        Process command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--in-memory", "--data-dir", data.toString(), "--port", String.valueOf(port),
                "--dynamodb-port", "0", "--sqs-port", "0", "--s3-port", "0", "--no-sandbox",
                "--template", TestPaths.template().toString())
                .redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(command.getInputStream(),
                    StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (Exception e) {
                // the process ended
            }
        });
        reader.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(120))
                    .until(() -> output.stream().anyMatch(l -> l.contains("Ready on")) || !command.isAlive());
            assertThat(output).as("the stack's output (passed through)").anyMatch(l -> l.contains("Ready on"));

            List<ProcessHandle> children = command.children().toList();
            assertThat(children).hasSize(1);
            ProcessHandle child = children.get(0);
            assertThat(child.info().arguments().map(List::of).orElseThrow())
                    .contains(LambdaJit.FLAG, LambdaJit.SERIAL_GC, "dev.switchboard.local.Main", "--in-memory");

            if (forcibly) {
                command.destroyForcibly(); // kill -9: the first JVM's hooks do not run
            } else {
                command.destroy(); // kill, Ctrl-C's shutdown, a script's trap
            }
            assertThat(command.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // Either way no stack is left holding the ports. (Its "stopped" line cannot be read here: once the
            // first JVM has exited, Process closes the pipe the child still writes to.)
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !child.isAlive());
            try (ServerSocket again = new ServerSocket(port)) {
                assertThat(again.getLocalPort()).isEqualTo(port);
            }
        } finally {
            command.descendants().forEach(ProcessHandle::destroyForcibly);
            command.destroyForcibly();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
