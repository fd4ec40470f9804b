package dev.switchboard.shared.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which texts belong in a customer's conversation (and the owner's feed): none of those to staff. */
class StaffTextKindsTest {

    @Test
    void anEstimateToAStaffMemberTryingTheQuoteFormIsNoCustomerConversation() {
        assertThat(MessageRecords.isCustomerConversation("quote-estimate-staff")).isFalse();
        assertThat(MessageRecords.isCustomerConversation("quote-estimate")).isTrue();
        assertThat(MessageRecords.isCustomerConversation("alert-voicemail")).isFalse();
    }
}
