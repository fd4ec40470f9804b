package dev.switchboard.smsstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpProblem;
import org.junit.jupiter.api.Test;

class DeliveryReportTest {

    @Test
    void readsTheStatusAndTheErrorCode() {
        DeliveryReport report = DeliveryReport.from(FormParameters.parse(
                "MessageSid=SM1&MessageStatus=Undelivered&ErrorCode=30003&To=%2B19045550123&From=%2B19045550200"));
        assertThat(report.messageSid()).isEqualTo("SM1");
        assertThat(report.status()).isEqualTo("undelivered");
        assertThat(report.errorCode()).contains(30003);
        assertThat(report.to()).contains("+19045550123");
    }

    @Test
    void fallsBackToTheOlderSmsParameterNames() {
        DeliveryReport report = DeliveryReport.from(FormParameters.parse("SmsSid=SM2&SmsStatus=sent"));
        assertThat(report.messageSid()).isEqualTo("SM2");
        assertThat(report.status()).isEqualTo("sent");
        assertThat(report.errorCode()).isEmpty();
    }

    @Test
    void aZeroOrOddErrorCodeIsNotAnError() {
        assertThat(DeliveryReport.from(FormParameters.parse("MessageSid=SM3&MessageStatus=delivered&ErrorCode=0"))
                .rawErrorCode()).isEmpty();
        DeliveryReport odd = DeliveryReport.from(FormParameters.parse("MessageSid=SM3&MessageStatus=failed&ErrorCode=X1"));
        assertThat(odd.errorCode()).isEmpty();
        assertThat(odd.rawErrorCode()).contains("X1");
    }

    @Test
    void missingSidOrStatusIs400() {
        assertThatThrownBy(() -> DeliveryReport.from(FormParameters.parse("MessageStatus=sent")))
                .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(400))
                .hasMessage("Missing MessageSid");
        assertThatThrownBy(() -> DeliveryReport.from(FormParameters.parse("MessageSid=SM4")))
                .isInstanceOf(HttpProblem.class).hasMessage("Missing MessageStatus");
    }

    @Test
    void carrierFailuresAreDescribed() {
        for (int code = 30003; code <= 30008; code++) {
            assertThat(DeliveryErrors.isCarrierFailure(code)).isTrue();
            assertThat(DeliveryErrors.describe(code)).as("" + code).isPresent();
        }
        assertThat(DeliveryErrors.isCarrierFailure(21610)).isFalse();
    }
}
