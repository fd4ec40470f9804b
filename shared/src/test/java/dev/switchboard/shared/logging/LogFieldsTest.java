package dev.switchboard.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.twilio.TwilioLogFields;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogFieldsTest {

    @AfterEach
    void clear() {
        LogFields.clear();
    }

    @Test
    void aWebhooksIdentifiersBecomeFieldsUntilTheInvocationEnds() {
        TwilioLogFields.of(FormParameters.parse("CallSid=CA1&RecordingSid=RE1&SmsSid=SM1&From=%2B19045550123"));
        assertThat(MDC.getCopyOfContextMap()).containsEntry("callSid", "CA1").containsEntry("recordingSid", "RE1")
                .containsEntry("messageSid", "SM1").doesNotContainKey("from");
        FunctionLogging.around(null, () -> null);
        assertThat(MDC.get("callSid")).isNull();
        assertThat(MDC.get("recordingSid")).isNull();
    }

    @Test
    void valuesAreBoundedAndPlain() {
        LogFields.put("callSid", "CA" + "x".repeat(500));
        assertThat(MDC.get("callSid")).hasSize(LogFields.MAX_LENGTH);
        LogFields.put("leadId", "Q-1\n{\"level\":\"ERROR\"}");
        assertThat(MDC.get("leadId")).isEqualTo("Q-1???level?:?ERROR??");
        LogFields.putAll(Map.of("messageSid", " "));
        assertThat(MDC.get("messageSid")).isNull();
    }

    @Test
    void onlyItsOwnFieldsAreCleared() {
        MDC.put("function_request_id", "req-1");
        LogFields.put("callSid", "CA1");
        LogFields.clear();
        assertThat(MDC.get("function_request_id")).isEqualTo("req-1");
        MDC.remove("function_request_id");
    }
}
