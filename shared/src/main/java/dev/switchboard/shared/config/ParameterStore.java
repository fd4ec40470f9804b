package dev.switchboard.shared.config;

import java.time.Duration;
import java.util.Optional;

/** Where settings that are not in the environment come from: SSM Parameter Store or Secrets Manager. */
public interface ParameterStore {

    /** The value of an SSM parameter, decrypted when it is a SecureString; empty when it does not exist. */
    Optional<String> parameter(String name);

    /** The string value of a Secrets Manager secret; empty when it does not exist. */
    Optional<String> secret(String secretId);

    /**
     * How long a value read may be served before it is read again ({@code PARAMETER_MAX_AGE_SECONDS}); stores
     * that do not cache ignore it.
     */
    default void useMaxAge(Duration maxAge) {
    }

    /** A store that knows nothing: used where only the environment is allowed (tests, the local stack). */
    ParameterStore NONE = new ParameterStore() {
        @Override
        public Optional<String> parameter(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<String> secret(String secretId) {
            return Optional.empty();
        }
    };
}
