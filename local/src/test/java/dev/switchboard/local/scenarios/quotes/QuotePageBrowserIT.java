package dev.switchboard.local.scenarios.quotes;

import static dev.switchboard.local.scenarios.quotes.ScenarioStack.newPhone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.local.scenarios.BrowserFixture;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The quote page ({@code GET /quote}) in headless Chromium against the local stack: field errors shown next
 * to the fields, then the estimate, with a screenshot of each kept under {@code local/target/quote-page/}.
 * Needs Debian's {@code chromium} and {@code chromium-driver}; skipped (with the reason) without them.
 */
class QuotePageBrowserIT {

    static ScenarioStack env;
    static BrowserFixture chromium;
    static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        if (!BrowserFixture.installed()) {
            return; // reported as a skipped test, with the reason, by requireChromium()
        }
        env = ScenarioStack.start(Map.of(), List.of("QuoteFunction"));
        chromium = BrowserFixture.start("quote-page", 900, 1300, false);
        browser = chromium.browser();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (env != null) {
            env.close();
        }
    }

    @BeforeEach
    void requireChromium() {
        BrowserFixture.assumeInstalled("the quote page browser test");
    }

    WebElement field(String name) {
        return browser.findElement(By.name(name));
    }

    String errorOf(String field) {
        return browser.findElement(By.cssSelector("[data-error-for='" + field + "']")).getText();
    }

    void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }

    @Test
    void theFormShowsFieldErrorsThenTheEstimate() throws IOException {
        browser.get(env.baseUrl() + "/quote");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        assertThat(browser.getTitle()).isEqualTo("Get a quote");
        assertThat(field("website").isDisplayed()).as("the honeypot is hidden").isFalse();

        // Wrong input: the server's errors appear next to their fields.
        field("phone").sendKeys("12");
        field("year").sendKeys("1850");
        field("service").sendKeys("oil change");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> !errorOf("phone").isEmpty());
        assertThat(errorOf("name")).isEqualTo("Please enter your name.");
        assertThat(errorOf("phone")).startsWith("Please enter a phone number we can reach you at");
        assertThat(errorOf("year")).startsWith("Please enter the model year, 1900 to");
        assertThat(errorOf("service")).isEmpty();
        assertThat(field("phone").getAttribute("aria-invalid")).isEqualTo("true");
        screenshot("quote-page-errors.png");
        assertThat(env.twilio.sentMessages()).isEmpty();

        // Corrected: the estimate is shown and texted.
        String phone = newPhone();
        field("name").sendKeys("Jane Roe");
        field("phone").clear();
        field("phone").sendKeys("(" + phone.substring(2, 5) + ") " + phone.substring(5, 8) + "-" + phone.substring(8));
        field("year").clear();
        field("year").sendKeys("2018");
        field("make").sendKeys("Toyota");
        field("model").sendKeys("Camry");
        field("engine").sendKeys("4-cylinder");
        field("text_opt_in").click();
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement result = browser.findElement(By.cssSelector(".sbq-result"));
        wait.until(d -> result.isDisplayed());
        assertThat(result.getText()).isEqualTo("Estimated price for oil change: $50.00. We've texted it to you.");
        assertThat(result.getAttribute("data-lead-id")).startsWith("Q-");
        assertThat(errorOf("phone")).isEmpty();
        screenshot("quote-page-estimate.png");

        assertThat(env.leadsOf(phone)).hasSize(1);
        assertThat(env.messagesTo(phone)).singleElement()
                .satisfies(text -> assertThat(text.first("Body")).hasValueSatisfying(b -> assertThat(b).contains("$50.00")));
    }
}
