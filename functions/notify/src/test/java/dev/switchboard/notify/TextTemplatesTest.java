package dev.switchboard.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTemplatesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void optionalPartsAreLeftOutWithoutTheirValues() {
        TextTemplates templates = TextTemplates.defaultsOnly();
        assertThat(templates.render(null, Template.EN_ROUTE, Map.of("business", "Shop")).text())
                .contains("Hi, Shop is on the way.");
        assertThat(templates.render(null, Template.EN_ROUTE, Map.of("business", "Shop", "customer", "Ann",
                "mechanic", "Mike", "eta", "15 minutes")).text())
                .contains("Hi Ann, Mike from Shop is on the way and will be there in about 15 minutes.");
        assertThat(templates.render(null, Template.REVIEW_REQUEST, Map.of("business", "Shop")).missing())
                .containsExactly("review_url");
    }

    @Test
    void globalThenLineOverridesWin() throws Exception {
        TextTemplates templates = TextTemplates.parse(JSON.readTree("{\"en_route\":\"On our way: {mechanic}\"}"),
                Map.of("+19045550300", JSON.readTree("{\"en_route\":\"{business} rolling, {eta}\"}")));
        assertThat(templates.render("+19045550200", Template.EN_ROUTE, Map.of("mechanic", "Mike")).text())
                .contains("On our way: Mike");
        assertThat(templates.render("+19045550300", Template.EN_ROUTE, Map.of("business", "B", "eta", "5 min")).text())
                .contains("B rolling, 5 min");
        assertThat(templates.required("+19045550300", Template.EN_ROUTE)).containsExactly("business", "eta");
    }

    @Test
    void anUnknownPlaceholderOrTemplateStopsTheColdStartNamingIt() {
        assertThatThrownBy(() -> NotifyOptions.parse(Settings.of(Map.of("TEXT_TEMPLATES",
                "{\"en_route\":\"Hi {firstname}\"}")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("TEXT_TEMPLATES.en_route").hasMessageContaining("{firstname}");
        assertThatThrownBy(() -> NotifyOptions.parse(Settings.of(Map.of("LINES",
                "{\"+19045550300\":{\"templates\":{\"en_rout\":\"x\"}}}")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("LINES[+19045550300].templates").hasMessageContaining("en_rout");
        assertThatThrownBy(() -> NotifyOptions.parse(Settings.of(Map.of("TEXT_TEMPLATES",
                "{\"job_done\":\"Done[ {total}\"}")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'['");
    }

    @Test
    void quietHoursAndRemindersPerLine() {
        NotifyOptions options = NotifyOptions.parse(Settings.of(Map.of("LINES",
                "{\"+19045550300\":{\"quietHours\":\"22:00-07:30\",\"reminders\":[\"30m\",\"2d\"]}}")));
        assertThat(options.quietHours("+19045550300").toString()).isEqualTo("22:00-07:30");
        assertThat(options.quietHours("+19045550200")).isEqualTo(QuietHours.DEFAULT);
        assertThat(options.reminders("+19045550300").before()).extracting(java.time.Duration::toMinutes)
                .containsExactly(30L, 2880L);
        assertThatThrownBy(() -> NotifyOptions.parse(Settings.of(Map.of("REMINDERS", "[\"soon\"]"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("REMINDERS");
        assertThatThrownBy(() -> NotifyOptions.parse(Settings.of(Map.of("QUIET_HOURS", "9pm-8am"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("QUIET_HOURS");
    }
}
