package dev.switchboard.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Random local secrets (the Twilio auth token the stack signs and verifies with, the recordings API
 * token), generated once and kept in the data directory so that they survive restarts and so that
 * {@code simulate} can sign requests for a running stack.
 */
final class LocalTokens {

    static final String AUTH_TOKEN_FILE = "local-auth-token";
    static final String RECORDINGS_TOKEN_FILE = "local-recordings-token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalTokens() {
    }

    /** 32 lower-case hex characters, the shape of a Twilio auth token. */
    static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The token kept in {@code directory/file}, created (owner-only where supported) if missing. */
    static String loadOrCreate(Path directory, String file) {
        Path path = directory.resolve(file);
        try {
            Optional<String> existing = read(directory, file);
            if (existing.isPresent()) {
                return existing.get();
            }
            Files.createDirectories(directory);
            String token = newToken();
            try {
                Files.createFile(path);
                try {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the directory's ACLs apply.
                }
                Files.writeString(path, token + System.lineSeparator(), StandardCharsets.UTF_8);
                return token;
            } catch (FileAlreadyExistsException raced) {
                return read(directory, file).orElseThrow(() -> new IOException(path + " is empty"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the local token in " + path, e);
        }
    }

    /** The token in {@code directory/file}, if the file exists and is not blank. */
    static Optional<String> read(Path directory, String file) {
        Path path = directory.resolve(file);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(path, StandardCharsets.UTF_8).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }
}
