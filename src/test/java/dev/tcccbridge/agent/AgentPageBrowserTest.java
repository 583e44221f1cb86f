package dev.tcccbridge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.testing.Browsers;
import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.OpenCtiStub;
import dev.tcccbridge.testing.RequiresBrowser;
import dev.tcccbridge.testing.SalesforceDirectory;
import dev.tcccbridge.testing.TcccApiStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agent page in headless Chromium, as an agent uses it: on its own, and as Salesforce's softphone
 * (framed by the Lightning stub, with Open CTI), against the stub Web SDK the TCCC stub serves as SdkURL.
 */
@RequiresBrowser
class AgentPageBrowserTest extends AgentWorkspaceTest {

    static final String ZHANG_WEI = "003000000000007AAA";
    static final String ACME_ACCOUNT = "001000000000042AAA";

    Browsers.Browser browser;
    ChromeDriver page;

    @BeforeEach
    void openBrowser() {
        browser = Browsers.start();
        page = browser.driver();
        directory.search("18412347605", SalesforceDirectory.contact(ZHANG_WEI, "Zhang Wei", "MobilePhone",
                "+86 184 1234 7605", "owner@example.com"));
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void theStandalonePageInitialisesTheSdkForTheAgentAndPopsTheCaller() {
        page.get(bridgeUrl() + "/agent/");
        signInAtTheIssuer(LI_LEI);

        awaitStatus("Ready");
        assertThat(page.findElement(By.id("agent")).getText()).contains("Li Lei", LI_LEI_SEAT);
        assertThat(TCCC.logins()).extracting(TcccApiStub.Login::seat).containsExactly(LI_LEI_SEAT);
        Map<String, Object> load = sdkLoads().get(0);
        assertThat(load).containsEntry("seat", LI_LEI_SEAT)
                .containsEntry("token", TCCC.logins().get(0).token())
                .containsEntry("problem", null)
                .containsEntry("renderDomId", "softphone")
                .containsEntry("crossOrigin", "anonymous");
        assertThat(((Number) load.get("width")).intValue()).isGreaterThanOrEqualTo(760);
        assertThat(((Number) load.get("height")).intValue()).isGreaterThanOrEqualTo(480);
        assertThat(page.findElement(By.id("tccc-stub-workspace")).getText()).contains(LI_LEI_SEAT);

        emit("callIn", "{data: {sessionId: 's-in-1', callerPhoneNumber: '008618412347605',"
                + " calleePhoneNumber: '0086400xxx6666', timeout: 8}}");

        WebElement record = await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#caller-record a")));
        assertThat(page.findElement(By.id("caller-title")).getText()).isEqualTo("Incoming call from 008618412347605");
        assertThat(record.getText()).isEqualTo("Zhang Wei (Contact)");
        assertThat(record.getAttribute("href")).isEqualTo(SALESFORCE.baseUrl() + "/" + ZHANG_WEI);

        // an older SDK hands the fields over directly; an unknown caller is said to be unknown
        emit("callIn", "{sessionId: 's-in-2', callerPhoneNumber: '+8613900001111'}");
        await().until(ExpectedConditions.textToBe(By.id("caller-record"), "Not in the CRM."));
        emit("callIn", "{data: {sessionId: 's-in-3', protectedCaller: 'p-123'}}");
        await().until(ExpectedConditions.textToBe(By.id("caller-title"), "Incoming call from a hidden number"));
    }

    @Test
    void anExpiredLoginIsReplacedOnceAndThenShownAsAnError() {
        TCCC.rejectNextLogins(1);
        page.get(bridgeUrl() + "/agent/");
        signInAtTheIssuer(HAN_MEIMEI);

        awaitStatus("Ready");
        assertThat(TCCC.logins()).hasSize(2).extracting(TcccApiStub.Login::seat).containsOnly(HAN_MEIMEI_SEAT);
        assertThat(sdkLoads()).extracting(load -> load.get("problem")).containsExactly("token expired", null);
        assertThat(TCCC.logins()).allSatisfy(login -> assertThat(TCCC.loads(login.token()))
                .as("each SdkURL used once").isEqualTo(1));

        TCCC.rejectNextLogins(2);
        page.navigate().refresh();

        awaitStatus("TCCC did not accept the login (token expired). Reload the page to try again.");
        assertThat(TCCC.logins()).as("one more try, not a loop").hasSize(4);
        assertThat(page.findElement(By.id("status")).getAttribute("data-kind")).isEqualTo("error");
    }

    @Test
    void insideSalesforceTheCallerIsPoppedByOpenCtiAndClickToDialLinksTheTaskToTheRecord() {
        page.get(LIGHTNING.consoleFraming(bridgeUrl() + "/agent/"));
        // not signed in: the framed page offers a sign-in in a window of its own
        page.switchTo().frame(OpenCtiStub.FRAME_ID);
        String console = page.getWindowHandle();
        await().until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        await().until(driver -> driver.getWindowHandles().size() == 2);
        page.switchTo().window(page.getWindowHandles().stream().filter(h -> !h.equals(console)).findFirst()
                .orElseThrow());
        signInAtTheIssuer(LI_LEI);
        await().until(driver -> driver.getWindowHandles().size() == 1);
        page.switchTo().window(console);
        page.switchTo().frame(OpenCtiStub.FRAME_ID);

        awaitStatus("Ready");
        assertThat(openCtiCalls()).extracting(call -> call.get("method"))
                .containsSubsequence("enableClickToDial", "onClickToDial");
        assertThat(TCCC.logins()).extracting(TcccApiStub.Login::seat).containsExactly(LI_LEI_SEAT);

        emit("callIn", "{data: {sessionId: 's-in-9', callerPhoneNumber: '008618412347605'}}");

        await().until(driver -> openCtiCalls().stream().anyMatch(c -> "searchAndScreenPop".equals(c.get("method"))));
        Map<String, Object> pop = openCtiCalls().stream().filter(c -> "searchAndScreenPop".equals(c.get("method")))
                .findFirst().orElseThrow();
        assertThat(pop.get("args")).isEqualTo(Map.of("searchParams", "008618412347605", "callType", "inbound",
                "deferred", false));
        assertThat(SALESFORCE.server().getAllServeEvents()).as("Salesforce searches itself: no lookup by the bridge")
                .noneMatch(event -> event.getRequest().getUrl().contains("/search/"));

        page.executeScript("window.__openCti.clickToDial({number: '+86 184 1234 7605', recordId: '" + ACME_ACCOUNT
                + "', recordName: 'Acme Ltd', objectType: 'Account'})");

        await().until(driver -> !outboundCalls().isEmpty());
        assertThat(outboundCalls().get(0)).isEqualTo(Map.of("seat", LI_LEI_SEAT, "options",
                Map.of("phoneNumber", "+8618412347605", "uui", ACME_ACCOUNT, "phoneDesc", "Acme Ltd")));
        awaitStatus("On a call with Acme Ltd");

        // TCCC returns the uui in the call's CDR push: the Task is linked to the account it was dialled from
        String session = UUID.randomUUID().toString();
        String cdr = CdrJson.sample().session(session).outboundTo("008618412347605").agent(LI_LEI_SEAT)
                .set("SdkAppId", TcccApiStub.SDK_APP_ID).set("Uui", outboundCalls().get(0).get("options") instanceof
                        Map<?, ?> options ? options.get("uui") : null).json();
        assertThat(bridge.push("cdr", "push-" + session, cdr).statusCode()).isEqualTo(200);
        bridge.awaitStatus("push-" + session, "DONE");
        assertThat(SALESFORCE.records().get("Task", session)).containsEntry("WhatId", ACME_ACCOUNT)
                .containsEntry("WhoId", ZHANG_WEI);
    }

    private void signInAtTheIssuer(String username) {
        WebElement name = await().until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertThat(page.getCurrentUrl()).startsWith(ISSUER.issuerUri() + "/login");
        name.sendKeys(username);
        page.findElement(By.id("password")).sendKeys(PASSWORD);
        page.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private void awaitStatus(String text) {
        try {
            await().until(ExpectedConditions.textToBe(By.id("status"), text));
        } catch (RuntimeException e) {
            throw new AssertionError("status: '" + page.findElement(By.id("status")).getText() + "', expected '"
                    + text + "'", e);
        }
    }

    private void emit(String event, String payload) {
        page.executeScript("window.__tcccStub.emit('" + event + "', " + payload + ")");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> sdkLoads() {
        return (List<Map<String, Object>>) page.executeScript("return window.__tcccStub.loads");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> outboundCalls() {
        return (List<Map<String, Object>>) page.executeScript("return window.__tcccStub.outboundCalls");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> openCtiCalls() {
        return (List<Map<String, Object>>) page.executeScript("return window.__openCti.calls");
    }

    private WebDriverWait await() {
        return new WebDriverWait(page, Duration.ofSeconds(15), Duration.ofMillis(50));
    }
}
