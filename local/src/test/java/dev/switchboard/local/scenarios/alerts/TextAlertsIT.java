package dev.switchboard.local.scenarios.alerts;

import static dev.switchboard.local.scenarios.alerts.AlertStack.HELPER;
import static dev.switchboard.local.scenarios.alerts.AlertStack.LINE;
import static dev.switchboard.local.scenarios.alerts.AlertStack.OWNER;
import static dev.switchboard.local.scenarios.alerts.AlertStack.awaitAtLeast;
import static dev.switchboard.local.scenarios.alerts.AlertStack.newPhone;
import static dev.switchboard.local.scenarios.alerts.AlertStack.newSid;
import static dev.switchboard.local.scenarios.alerts.AlertStack.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.fakes.ses.FakeSes;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Owner alerts and the text relay through the local stack: signed Twilio webhooks in, the Twilio sandbox's
 * texts and the SES sandbox's e-mails out. Alerts go to two staff members (alertTo) and one address.
 */
class TextAlertsIT {

    static final Pattern TAG = Pattern.compile("^#([23456789ABCDEFGHJKMNPQRSTUVWXYZ]{2,3}) ");

    static AlertStack env;

    @BeforeAll
    static void start() {
        env = AlertStack.start(Map.of("QUOTE_RATE_LIMIT_PER_IP_PER_HOUR", "100000"),
                List.of("SmsIncomingFunction", "OwnerAlertsFunction", "SmsSenderFunction", "QuoteFunction",
                        "IncomingCallFunction", "DialStatusFunction", "CallStatusFunction"));
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    /** A customer texts; returns the tag of the alert the owner got. */
    static String customerTexts(String customer, String body) {
        env.text(newSid("SM"), customer, body);
        Map<String, Object> alert = awaitAtLeast("the alert to the owner", 1, () -> env.textsTo(OWNER, body)).get(0);
        Matcher tag = TAG.matcher(String.valueOf(alert.get("body")));
        assertThat(tag.find()).as(String.valueOf(alert.get("body"))).isTrue();
        return tag.group(1);
    }

    @Test
    void aCustomersTextIsAlertedOnceToEachStaffMemberWithItsTagAndByEmail() {
        String customer = newPhone();
        String sid = newSid("SM");
        String body = "My truck won't start <today> & I need help " + sid.substring(20);
        env.text(sid, customer, body);

        List<Map<String, Object>> toOwner = awaitAtLeast("the owner's alert", 1, () -> env.textsTo(OWNER, body));
        List<Map<String, Object>> toHelper = awaitAtLeast("the helper's alert", 1, () -> env.textsTo(HELPER, body));
        String human = "+1 904-555-" + customer.substring(8);
        assertThat(toOwner).singleElement().satisfies(alert -> {
            assertThat(String.valueOf(alert.get("body"))).matches("#[2-9A-Z]{2,3} Text from " + Pattern.quote(human)
                    + ": " + Pattern.quote(body));
            assertThat(alert.get("from")).isEqualTo(LINE);
        });
        assertThat(toHelper.get(0).get("body")).isEqualTo(toOwner.get(0).get("body"));

        List<FakeSes.Email> emails = awaitAtLeast("the e-mail", 1, () -> env.emailsAbout(body));
        assertThat(emails).singleElement().satisfies(email -> {
            assertThat(email.from()).isEqualTo(AlertStack.ALERT_FROM);
            assertThat(email.to()).containsExactly(AlertStack.OWNER_EMAIL);
            assertThat(email.subject()).contains("Text from " + human);
            assertThat(email.text()).contains(body).contains("/inbox/c/" + customer);
            assertThat(email.html()).contains("&lt;today&gt; &amp; I need help").doesNotContain("<today>");
        });

        // Twilio redelivers the webhook: nothing more.
        env.text(sid, customer, body);
        env.awaitQueueEmpty("AlertQueue");
        assertThat(env.textsTo(OWNER, body)).hasSize(1);
        assertThat(env.textsTo(HELPER, body)).hasSize(1);
        assertThat(env.emailsAbout(body)).hasSize(1);
    }

    @Test
    void aStaffReplyWithTheTagGoesToThatCustomerFromTheLineOnce() {
        String customer = newPhone();
        String tag = customerTexts(customer, "Do you do brakes? " + customer);
        String replySid = newSid("SM");
        env.text(replySid, OWNER, "#" + tag.toLowerCase() + " Yes we do, Tuesday 9am?");

        List<Map<String, Object>> relayed = awaitAtLeast("the relayed reply", 1,
                () -> env.textsTo(customer, "Yes we do, Tuesday 9am?"));
        assertThat(relayed).singleElement().satisfies(text -> {
            assertThat(text.get("body")).isEqualTo("Yes we do, Tuesday 9am?");
            assertThat(text.get("from")).isEqualTo(LINE);
        });
        // Stored with the conversation: outbound, written by the owner.
        Map<String, AttributeValue> ledger = env.item("TEXT#relay:" + replySid, "TEXT").orElseThrow();
        Map<String, AttributeValue> message = env.item("MSG#" + s(ledger, "sid"), "MSG").orElseThrow();
        assertThat(s(message, "direction")).isEqualTo("outbound");
        assertThat(s(message, "sentBy")).isEqualTo(OWNER);
        assertThat(s(message, "to")).isEqualTo(customer);
        assertThat(s(message, "body")).isEqualTo("Yes we do, Tuesday 9am?");

        // The same webhook again relays nothing, and staff texts are never alerted as customer texts.
        env.text(replySid, OWNER, "#" + tag + " Yes we do, Tuesday 9am?");
        env.awaitQueueEmpty("AlertQueue");
        assertThat(env.textsTo(customer, "Yes we do")).hasSize(1);
        assertThat(env.textsTo(HELPER, "Tuesday 9am")).isEmpty();
    }

    @Test
    void aTaglessReplyGoesToTheCustomerOfTheLastAlert() {
        String customer = newPhone();
        customerTexts(customer, "Is the shop open Saturday? " + customer);
        awaitAtLeast("the helper's alert", 1, () -> env.textsTo(HELPER, "Is the shop open Saturday? " + customer));
        env.text(newSid("SM"), HELPER, "Yes, 8 to noon " + customer);
        assertThat(awaitAtLeast("the relayed reply", 1, () -> env.textsTo(customer, "Yes, 8 to noon")))
                .singleElement().satisfies(text -> assertThat(text.get("from")).isEqualTo(LINE));
    }

    @Test
    void aReplyToACustomerWhoOptedOutIsNotSentAndTheStaffMemberIsToldOnce() {
        String customer = newPhone();
        String tag = customerTexts(customer, "Quote for tires? " + customer);
        env.text(newSid("SM"), customer, "STOP");
        String sid = newSid("SM");
        env.text(sid, OWNER, "#" + tag + " We have tires in stock " + customer);
        List<Map<String, Object>> notices = awaitAtLeast("the notice", 1, () -> env.textsTo(OWNER, "opted out"));
        assertThat(notices.stream().filter(n -> String.valueOf(n.get("body")).contains(customer.substring(8))))
                .singleElement().satisfies(n -> assertThat(n.get("from")).isEqualTo(LINE));
        env.text(sid, OWNER, "#" + tag + " We have tires in stock " + customer);
        env.awaitQueueEmpty("SmsQueue");
        assertThat(env.textsTo(customer, "We have tires")).isEmpty();
        assertThat(env.textsTo(OWNER, "opted out").stream()
                .filter(n -> String.valueOf(n.get("body")).contains(customer.substring(8)))).hasSize(1);
    }

    @Test
    void anUnknownTagSendsNothingButOneHelpText() {
        String sid = newSid("SM");
        env.text(sid, HELPER, "#ZZZ are you there " + sid);
        List<Map<String, Object>> help = awaitAtLeast("the help text", 1, () -> env.textsTo(HELPER, "#ZZZ"));
        assertThat(help).singleElement().satisfies(n -> assertThat(String.valueOf(n.get("body")))
                .contains("Start with #tag to reply to a customer"));
        assertThat(env.stack.twilioSandbox().orElseThrow().messages().stream()
                .filter(m -> String.valueOf(m.get("body")).contains("are you there"))).isEmpty();
    }

    @Test
    void aQuoteIsAlertedOnce() {
        String customer = newPhone();
        String json = "{\"name\":\"Jane Roe\",\"phone\":\"" + customer + "\",\"service\":\"oil change\",\"year\":\"2018\","
                + "\"make\":\"Toyota\",\"model\":\"Camry\",\"engine\":\"4-cylinder\",\"text_opt_in\":false}";
        HttpResponse<String> response = env.postJson("/quote", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String human = "+1 904-555-" + customer.substring(8);
        List<Map<String, Object>> alerts = awaitAtLeast("the quote alert", 1,
                () -> env.textsTo(OWNER, "Quote from Jane Roe " + human));
        assertThat(String.valueOf(alerts.get(0).get("body"))).matches("#[2-9A-Z]{2,3} Quote from Jane Roe "
                + Pattern.quote(human) + " - 2018 Toyota Camry, (?i:oil change), \\$\\d+\\.\\d\\d .*/inbox/c/"
                + Pattern.quote(customer));
        assertThat(awaitAtLeast("the helper's quote alert", 1, () -> env.textsTo(HELPER, "Quote from Jane Roe " + human)))
                .hasSize(1);
        env.awaitQueueEmpty("AlertQueue");
        assertThat(env.textsTo(OWNER, "Quote from Jane Roe " + human)).hasSize(1);
        assertThat(env.item("CONTACT#" + customer, "PROFILE")).hasValueSatisfying(p -> {
            assertThat(s(p, "name")).isEqualTo("Jane Roe");
            assertThat(s(p, "nameSource")).isEqualTo("web");
        });
    }

    @Test
    void aStaffMemberCallingNeverBecomesALeadNorGetsAMissedCallText() {
        String customer = newPhone();
        String customerCall = newSid("CA");
        String staffCall = newSid("CA");
        for (String[] call : new String[][] {{customerCall, customer}, {staffCall, HELPER}}) {
            env.call(call[0], call[1]);
            env.dialNotAnswered(call[0], call[1]);
            env.callEnded(call[0], call[1]);
        }
        awaitAtLeast("the customer's missed-call text", 1, () -> env.textsTo(customer, "Sorry we missed your call"));
        List<String> crmJobs = env.drain("CrmQueue").stream().map(m -> m.body()).toList();
        assertThat(crmJobs).anyMatch(b -> b.contains(customerCall));
        assertThat(crmJobs).noneMatch(b -> b.contains(staffCall));
        env.awaitQueueEmpty("SmsQueue");
        assertThat(env.textsTo(HELPER, "Sorry we missed your call")).isEmpty();
        assertThat(env.item("TEXT#missed-call:" + staffCall, "TEXT")).isEmpty();
        assertThat(env.item("TEXT#missed-call:" + customerCall, "TEXT")).isPresent();
    }
}
