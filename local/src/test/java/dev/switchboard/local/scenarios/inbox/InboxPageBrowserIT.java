package dev.switchboard.local.scenarios.inbox;

import static dev.switchboard.local.scenarios.inbox.InboxStack.LINE;
import static dev.switchboard.local.scenarios.inbox.InboxStack.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.local.scenarios.BrowserFixture;
import dev.switchboard.shared.storage.Item;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The inbox page in headless Chromium against the local stack: sign in with the code the sandbox printed, the
 * "Needs a reply" list, a customer's page with a recorded call's play control, a text sent from the composer
 * and "Call back"; screenshots at 390 px (a phone) and 1280 px kept under {@code local/target/inbox-page/};
 * no console errors (so no CSP violations). Needs Debian's {@code chromium} and {@code chromium-driver};
 * skipped, with the reason, without them.
 */
class InboxPageBrowserIT {

    static final String ACCOUNT = "AC00000000000000000000000000000000";

    static InboxStack inbox;
    static BrowserFixture chromium;
    static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        if (!BrowserFixture.installed()) {
            return;
        }
        inbox = InboxStack.start(List.of("InboxFunction", "OutboundCallFunction", "CallStatusFunction",
                "RecordingStatusFunction", "RecordingArchiverFunction", "IncomingCallFunction", "DialStatusFunction",
                "SmsIncomingFunction"), Map.of());
        chromium = BrowserFixture.start("inbox-page", 390, 844, true);
        browser = chromium.browser();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (inbox != null) {
            inbox.close();
        }
    }

    @BeforeEach
    void requireChromium() {
        BrowserFixture.assumeInstalled("the inbox browser test");
    }

    static String sid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    /** A customer who left a voicemail and whom the shop called back (recorded): both with audio. */
    static void seed(String customer) {
        String callSid = sid("CA");
        String voicemail = "RE" + callSid.substring(2);
        String media = inbox.sandbox().baseUrl() + "/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/";
        Map<String, String> call = Map.of("AccountSid", ACCOUNT, "CallSid", callSid, "From", customer, "To", LINE,
                "Direction", "inbound", "CallStatus", "ringing");
        inbox.twilio("/twilio/voice", call);
        inbox.twilio("/twilio/voice/dial-status", Map.of("AccountSid", ACCOUNT, "CallSid", callSid, "From", customer,
                "To", LINE, "Direction", "inbound", "CallStatus", "in-progress", "DialCallStatus", "no-answer"));
        inbox.twilio("/twilio/voice/recording", Map.of("AccountSid", ACCOUNT, "CallSid", callSid, "RecordingSid", voicemail,
                "RecordingStatus", "completed", "RecordingDuration", "8", "RecordingChannels", "1",
                "RecordingSource", "RecordVerb", "RecordingUrl", media + voicemail));
        // The shop called back from the inbox API: a recorded call the customer's page plays.
        String placed = inbox.withToken("POST", "/api/calls", "{\"to\": \"" + customer + "\", \"staff\": \"" + OWNER + "\"}",
                Map.of()).json().path("callSid").asText();
        String recording = sid("RE");
        inbox.twilio("/twilio/voice/recording", Map.of("AccountSid", ACCOUNT, "CallSid", placed, "RecordingSid", recording,
                "RecordingStatus", "completed", "RecordingDuration", "30", "RecordingChannels", "2",
                "RecordingSource", "DialVerb", "RecordingUrl", media + recording));
        for (String sid : List.of(voicemail, recording)) {
            Awaitility.await("recording " + sid + " archived").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> inbox.item("REC#" + sid, "REC").flatMap(i -> Item.string(i, "status"))
                            .filter("archived"::equals).isPresent());
        }
    }

    WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }

    @Test
    void signInOpenACustomerPlayTextAndCallBack() throws IOException {
        String customer = InboxStack.newCustomer();
        seed(customer);

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(inbox.base() + "/inbox");
        WebDriverWait wait = waiting();
        WebElement phone = wait.until(d -> d.findElement(By.id("phone")));
        assertThat(browser.findElement(By.cssSelector("label[for=phone]")).getText()).isEqualTo("Your phone number");
        screenshot("inbox-sign-in-390.png");
        phone.sendKeys("(904) 555-0177");
        int texts = inbox.textsTo(OWNER).size();
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement code = wait.until(d -> d.findElement(By.id("code")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inbox.textsTo(OWNER).size() > texts);
        String text = inbox.textsTo(OWNER).get(inbox.textsTo(OWNER).size() - 1);
        code.sendKeys(text.replaceAll("(?s).*\\b(\\d{6})\\b.*", "$1"));
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        // Signed in: "Needs a reply" is the open tab.
        WebElement selected = wait.until(d -> d.findElement(By.cssSelector("[role=tab][aria-selected=true]")));
        assertThat(selected.getText()).isEqualTo("Needs a reply");
        wait.until(d -> !d.findElements(By.cssSelector(".chart svg")).isEmpty());
        screenshot("inbox-needs-reply-390.png");
        browser.manage().window().setSize(new Dimension(1280, 900));
        screenshot("inbox-needs-reply-1280.png");

        // The customer's page: the recorded call's play control, then a text and a call back.
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(inbox.base() + "/inbox/c/" + customer.replace("+", "%2B"));
        WebElement audio = wait.until(d -> d.findElement(By.cssSelector("audio[controls]")));
        assertThat(audio.getAttribute("src")).contains("recordings/");
        assertThat(audio.getAttribute("aria-label")).startsWith("Recording of");
        screenshot("inbox-customer-390.png");

        browser.findElement(By.id("composer-body")).sendKeys("Hi, it's Mike. Your car is ready.");
        browser.findElement(By.cssSelector(".composer button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("status")).getText().startsWith("Text"));
        assertThat(inbox.textsTo(customer)).contains("Hi, it's Mike. Your car is ready.");
        assertThat(browser.findElements(By.cssSelector(".bubble.out"))).isNotEmpty();

        int calls = inbox.sandbox().calls().size();
        WebElement callBack = browser.findElement(By.id("call-back"));
        // Scrolled to the middle as a thumb would: WebDriver scrolls it to the very top, under the sticky header.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", callBack);
        callBack.click();
        wait.until(d -> d.findElement(By.id("status")).getText().startsWith("Calling your phone"));
        assertThat(inbox.sandbox().calls()).hasSize(calls + 1);
        assertThat(inbox.sandbox().calls().get(calls).get("to")).isEqualTo(OWNER);
        browser.manage().window().setSize(new Dimension(1280, 900));
        screenshot("inbox-customer-1280.png");

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("console errors").isEmpty();
    }
}
