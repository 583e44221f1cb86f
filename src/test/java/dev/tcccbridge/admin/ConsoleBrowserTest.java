package dev.tcccbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.testing.Bridge;
import dev.tcccbridge.testing.Browsers;
import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.RequiresBrowser;
import dev.tcccbridge.testing.SalesforceBridgeTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operations console in headless Chromium, as an operator uses it at 3 a.m.: signed in with the admin
 * credentials, a CDR Salesforce refuses shows up as a dead row with its reason, the cause is mended, the
 * Replay button sends it again, and the console shows it delivered. A payload that carries markup is shown
 * as text. The screenshot for docs/OPERATIONS.md is saved as target/screenshots/console.png.
 */
@RequiresBrowser
class ConsoleBrowserTest extends SalesforceBridgeTest {

    static final Path SCREENSHOT = Path.of("target/screenshots/console.png");

    Browsers.Browser browser;
    ChromeDriver page;

    @BeforeEach
    void openBrowser() {
        browser = Browsers.start();
        page = browser.driver();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void aDeadRowAppearsAfterASalesforceRefusalAndItsReplayButtonDeliversIt() throws Exception {
        String delivered = UUID.randomUUID().toString();
        assertThat(bridge.push("cdr", "console-ok-" + delivered, CdrJson.sample().session(delivered).json())
                .statusCode()).isEqualTo(200);
        bridge.awaitStatus("console-ok-" + delivered, "DONE");
        // a quarantined push whose body is markup: the console shows it as text
        bridge.push("cdr", "console-bad-" + UUID.randomUUID(),
                "{\"SessionId\":\"<img src=x onerror=window.__xss=1>\",\"Duration\":\"long\"}");

        // signed in with the admin's credentials (the browser keeps them for the console's requests)
        page.get("http://" + Bridge.ADMIN_USER + ":" + Bridge.ADMIN_PASSWORD + "@localhost:" + port
                + "/admin/?refresh=1");
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("settings"), "push authentication"));
        assertThat(page.findElement(By.id("settings")).getText()).contains("0.1.0-SNAPSHOT");
        assertThat(page.findElement(By.id("crm")).getText()).contains("salesforce", "CLOSED");

        // Salesforce refuses the next CDR for what it is: dead at once, with the reason
        String session = UUID.randomUUID().toString();
        SALESFORCE.records().refuse(session, "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Calls need a queue", 1);
        assertThat(bridge.push("cdr", "console-" + session, CdrJson.sample().session(session).json()).statusCode())
                .isEqualTo(200);
        By deadRow = By.cssSelector("#dead tr[data-session='" + session + "']");
        WebElement row = await().until(ExpectedConditions.presenceOfElementLocated(deadRow));
        assertThat(row.getText()).contains("cdr", "Calls need a queue");
        assertThat(bridge.inboxRow("console-" + session).get("status")).isEqualTo("DEAD");
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#inbox tr[data-status='DEAD']"),
                "DEAD"));

        WebElement body = page.findElement(By.cssSelector("#quarantine tbody tr pre"));
        assertThat(body.getDomProperty("textContent")).as("the body, shown as text")
                .contains("<img src=x onerror=window.__xss=1>");
        assertThat(page.findElements(By.cssSelector("#quarantine img"))).as("never made markup").isEmpty();
        assertThat(page.executeScript("return window.__xss === undefined")).isEqualTo(true);

        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(page.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);

        // the cause mended (the refusal was for once): replay it with its button
        page.findElement(deadRow).findElement(By.cssSelector("button.replay")).click();

        By replayed = By.cssSelector("#replayed-list li[data-status='DONE']");
        WebElement done = await().until(ExpectedConditions.presenceOfElementLocated(replayed));
        assertThat(done.getText()).contains(session, "delivered");
        assertThat(bridge.inboxRow("console-" + session).get("status")).isEqualTo("DONE");
        assertThat(SALESFORCE.records().get("Task", session)).containsEntry("CallObject", session);
        await().until(ExpectedConditions.invisibilityOfElementLocated(deadRow));
    }

    private WebDriverWait await() {
        return new WebDriverWait(page, Duration.ofSeconds(20));
    }
}
