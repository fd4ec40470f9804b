package dev.switchboard.local.scenarios.alerts;

import static dev.switchboard.local.scenarios.alerts.AlertStack.HELPER;
import static dev.switchboard.local.scenarios.alerts.AlertStack.LINE;
import static dev.switchboard.local.scenarios.alerts.AlertStack.OWNER;
import static dev.switchboard.local.scenarios.alerts.AlertStack.awaitAtLeast;
import static dev.switchboard.local.scenarios.alerts.AlertStack.newPhone;
import static dev.switchboard.local.scenarios.alerts.AlertStack.newSid;
import static dev.switchboard.local.scenarios.alerts.AlertStack.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Two gaps of the owner alerts, through the local stack: a staff member trying the quote form gets the
 * estimate but becomes no lead, CRM job, alert or feed item; and a customer's picture (MMS) is announced in
 * the text alert, its media URLs kept on the message record.
 */
class StaffQuoteAndPicturesIT {

    static AlertStack env;

    @BeforeAll
    static void start() {
        env = AlertStack.start(Map.of("QUOTE_RATE_LIMIT_PER_IP_PER_HOUR", "100000"),
                List.of("SmsIncomingFunction", "OwnerAlertsFunction", "SmsSenderFunction", "QuoteFunction"));
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void aStaffMemberOnTheQuoteFormGetsTheEstimateButIsNoLeadNoCrmJobNoAlertAndNoFeedItem() {
        String json = "{\"name\":\"Sam Tester\",\"phone\":\"" + HELPER + "\",\"service\":\"oil change\",\"year\":\"2018\","
                + "\"make\":\"Toyota\",\"model\":\"Camry\",\"engine\":\"4-cylinder\",\"text_opt_in\":true}";
        HttpResponse<String> response = env.postJson("/quote", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"success\":true").contains("\"amount\":\"50.00\"");

        // The estimate text reaches the staff member, from the line, like a customer's.
        List<Map<String, Object>> estimate = awaitAtLeast("the estimate text", 1, () -> env.textsTo(HELPER, "50.00"));
        assertThat(estimate).singleElement().satisfies(text -> assertThat(text.get("from")).isEqualTo(LINE));

        // A customer's quote right after it is a lead as usual (so the queues have moved on when we look).
        String customer = newPhone();
        assertThat(env.postJson("/quote", json.replace(HELPER, customer).replace("Sam Tester", "Jane Roe"))
                .statusCode()).isEqualTo(200);
        String human = "+1 904-555-" + customer.substring(8);
        awaitAtLeast("the customer's quote alert", 1, () -> env.textsTo(OWNER, "Quote from Jane Roe " + human));
        env.awaitQueueEmpty("AlertQueue");

        String staffHuman = "+1 904-555-" + HELPER.substring(8);
        assertThat(env.textsTo(OWNER, staffHuman)).as("no quote alert about the staff member").isEmpty();
        assertThat(env.itemsStartingWith("LEAD#")).as("no lead for the staff number")
                .noneMatch(lead -> ("PHONE#" + HELPER).equals(s(lead, "gsi1pk")))
                .anyMatch(lead -> ("PHONE#" + customer).equals(s(lead, "gsi1pk")));
        List<String> crmJobs = env.drain("CrmQueue").stream().map(m -> m.body()).toList();
        assertThat(crmJobs).noneMatch(body -> body.contains(HELPER)).anyMatch(body -> body.contains(customer));
        assertThat(env.itemsStartingWith("CONTACT#" + HELPER)).as("nothing in the staff member's timeline")
                .noneMatch(item -> s(item, "sk").startsWith("A#") || s(item, "sk").startsWith("NR#"));
        assertThat(env.itemsStartingWith("FEED")).noneMatch(item -> String.valueOf(s(item, "ref")).startsWith("LEAD#")
                && env.item(s(item, "ref"), s(item, "refSk")).map(lead -> ("PHONE#" + HELPER).equals(s(lead, "gsi1pk")))
                .orElse(false));
    }

    @Test
    void aCustomersPictureIsAnnouncedInTheAlertAndItsUrlsKeptOnTheMessage() {
        String customer = newPhone();
        String sid = newSid("MM");
        String media = env.stack.twilioSandbox().orElseThrow().baseUrl() + "/2010-04-01/Accounts/" + AlertStack.ACCOUNT_SID
                + "/Messages/" + sid + "/Media/ME" + "1".repeat(32);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", AlertStack.ACCOUNT_SID);
        params.put("ApiVersion", "2010-04-01");
        params.put("Body", "Here is the noise " + customer);
        params.put("From", customer);
        params.put("MessageSid", sid);
        params.put("SmsMessageSid", sid);
        params.put("SmsSid", sid);
        params.put("NumMedia", "1");
        params.put("MediaUrl0", media);
        params.put("MediaContentType0", "image/jpeg");
        params.put("NumSegments", "1");
        params.put("SmsStatus", "received");
        params.put("To", LINE);
        assertThat(env.twilioPost("/twilio/sms", params).statusCode()).isEqualTo(200);

        List<Map<String, Object>> alerts = awaitAtLeast("the alert", 1, () -> env.textsTo(OWNER, "Here is the noise " + customer));
        assertThat(alerts).singleElement().satisfies(alert -> assertThat(String.valueOf(alert.get("body")))
                .matches("#[2-9A-Z]{2,3} Text from .*: " + Pattern.quote("Here is the noise " + customer)
                        + " \\[1 picture or file\\]"));
        Map<String, AttributeValue> message = env.item("MSG#" + sid, "MSG").orElseThrow();
        assertThat(message.get("mediaUrls").l()).extracting(AttributeValue::s).containsExactly(media);
        assertThat(s(message, "numMedia")).isEqualTo("1");

        // A picture with no words is announced too.
        String silent = newSid("MM");
        params.put("MessageSid", silent);
        params.put("SmsMessageSid", silent);
        params.put("SmsSid", silent);
        params.put("Body", "");
        params.put("NumMedia", "2");
        params.put("MediaUrl1", media + "2");
        assertThat(env.twilioPost("/twilio/sms", params).statusCode()).isEqualTo(200);
        String human = "+1 904-555-" + customer.substring(8);
        assertThat(awaitAtLeast("the second alert", 1, () -> env.textsTo(OWNER, "[2 pictures or files]")))
                .anySatisfy(alert -> assertThat(String.valueOf(alert.get("body"))).contains(human));
    }
}
