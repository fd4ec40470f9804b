package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads a deployed stack's {@code Outputs} with the AWS CLI ({@code aws cloudformation describe-stacks}),
 * which whoever ran {@code sam deploy} already has, with their profile and region.
 */
final class StackOutputs {

    private final String awsCli;

    /** @param awsCli the AWS CLI executable: {@code aws}, or a path */
    StackOutputs(String awsCli) {
        this.awsCli = awsCli;
    }

    /** The value of output {@code key} of stack {@code stackName}. */
    String value(String stackName, String region, String key) {
        List<String> command = new ArrayList<>(List.of(awsCli, "cloudformation", "describe-stacks",
                "--stack-name", stackName, "--query", "Stacks[0].Outputs", "--output", "json"));
        if (region != null) {
            command.addAll(List.of("--region", region));
        }
        String json = run(command);
        return find(json, key).orElseThrow(() -> new IllegalStateException("Stack " + stackName
                + " has no output " + key + "; is it a Switchboard stack?"));
    }

    static Optional<String> find(String outputsJson, String key) {
        JsonNode outputs;
        try {
            outputs = Json.MAPPER.readTree(outputsJson);
        } catch (IOException e) {
            throw new IllegalStateException("The AWS CLI did not print JSON: " + firstLine(outputsJson));
        }
        if (outputs != null && outputs.isArray()) {
            for (JsonNode output : outputs) {
                if (key.equals(output.path("OutputKey").asText())) {
                    return Optional.of(output.path("OutputValue").asText());
                }
            }
        }
        return Optional.empty();
    }

    private static String run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not run the AWS CLI (" + command.get(0) + "): " + e.getMessage()
                    + ". Install it, or pass --base-url instead of --stack.");
        }
        try {
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("The AWS CLI did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("aws cloudformation describe-stacks failed (exit "
                        + process.exitValue() + "); its message is above");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the AWS CLI's output: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the AWS CLI");
        }
    }

    private static String firstLine(String text) {
        String trimmed = text == null ? "" : text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
