package dev.switchboard.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

    static final ParameterStore STORE = new ParameterStore() {
        @Override
        public Optional<String> parameter(String name) {
            return name.equals("/switchboard/dev/twilio-auth-token") ? Optional.of("from-ssm") : Optional.empty();
        }

        @Override
        public Optional<String> secret(String secretId) {
            return secretId.equals("switchboard/dev/crm") ? Optional.of("from-secrets-manager") : Optional.empty();
        }
    };

    @Test
    void readsTheEnvironmentThenSsmThenSecretsManager() {
        Settings settings = new Settings(Env.of(Map.of(
                "TWILIO_AUTH_TOKEN_PARAMETER", "/switchboard/dev/twilio-auth-token",
                "CRM_API_KEY_SECRET_ID", "switchboard/dev/crm",
                "PLAIN", " value ")), STORE);
        assertThat(settings.secret("TWILIO_AUTH_TOKEN")).isEqualTo("from-ssm");
        assertThat(settings.secret("CRM_API_KEY")).isEqualTo("from-secrets-manager");
        assertThat(settings.required("PLAIN")).isEqualTo("value");
        Settings direct = new Settings(Env.of(Map.of("TWILIO_AUTH_TOKEN", "direct",
                "TWILIO_AUTH_TOKEN_PARAMETER", "/x")), STORE);
        assertThat(direct.secret("TWILIO_AUTH_TOKEN")).isEqualTo("direct");
    }

    @Test
    void aMissingRequiredValueNamesTheVariableAndNeverTheSecret() {
        assertThatThrownBy(() -> Settings.of(Map.of()).secret("TWILIO_AUTH_TOKEN"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("TWILIO_AUTH_TOKEN is required");
        Settings typo = new Settings(Env.of(Map.of("TWILIO_AUTH_TOKEN_PARAMETER", "/switchboard/dev/twilio-token")), STORE);
        assertThatThrownBy(() -> typo.secret("TWILIO_AUTH_TOKEN"))
                .hasMessageContaining("/switchboard/dev/twilio-token")
                .hasMessageContaining("does not exist");
        // An optional secret whose parameter was never created is simply absent.
        assertThat(typo.optionalSecret("TWILIO_AUTH_TOKEN")).isEmpty();
    }

    @Test
    void validatesUrlsNumbersAndFlags() {
        Settings settings = Settings.of(Map.of("PUBLIC_BASE_URL", "https://phone.example.com/", "BAD_URL", "ftp://x",
                "N", "abc", "F", "maybe", "OK_FLAG", "TRUE"));
        assertThat(settings.baseUrl("PUBLIC_BASE_URL")).isEqualTo("https://phone.example.com");
        assertThatThrownBy(() -> settings.baseUrl("BAD_URL")).hasMessageStartingWith("BAD_URL must be an absolute http(s) URL");
        assertThatThrownBy(() -> settings.baseUrl("MISSING")).hasMessageStartingWith("MISSING is required");
        assertThatThrownBy(() -> settings.integer("N", 1, 0, 10)).hasMessageStartingWith("N must be a whole number");
        assertThatThrownBy(() -> settings.flag("F", false)).hasMessageStartingWith("F must be true or false");
        assertThat(settings.flag("OK_FLAG", false)).isTrue();
        assertThat(settings.flag("UNSET", true)).isTrue();
    }

    @Test
    void urlsAndNumbersKeepTheirMessages() {
        Settings settings = Settings.of(Map.of("SPACED", "https://exa mple.com", "QUERY", "https://x.example.com/?a=1",
                "HOSTLESS", "https:///path", "LINE", "+1 (904) 555-0177", "SHORT", "+1904"));
        assertThatThrownBy(() -> settings.baseUrl("SPACED")).hasMessage("SPACED is not a valid URL: 'https://exa mple.com'");
        assertThatThrownBy(() -> settings.baseUrl("QUERY"))
                .hasMessage("QUERY must be an absolute http(s) URL without query, got 'https://x.example.com/?a=1'");
        assertThatThrownBy(() -> settings.baseUrl("HOSTLESS")).hasMessageStartingWith("HOSTLESS must be an absolute http(s) URL");
        assertThat(settings.optionalE164("LINE")).contains("+19045550177");
        assertThatThrownBy(() -> settings.optionalE164("SHORT"))
                .hasMessage("SHORT must be a phone number in E.164 form like +19045550177, got '+1904'");
    }

    @Test
    void withoutArgumentsTheProcessEnvironmentIsRead() {
        String path = System.getenv("PATH");
        assertThat(Settings.fromEnvironment().optional("PATH")).isEqualTo(Optional.ofNullable(path).filter(v -> !v.isBlank())
                .map(String::trim));
    }
}
