package dev.tcccbridge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.testing.AgentSession;
import dev.tcccbridge.testing.Bridge;
import dev.tcccbridge.testing.SalesforceDirectory;
import dev.tcccbridge.testing.TcccApiStub;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The agent's sign-in and {@code /agent/sdk-url} against a real OpenID Connect issuer and the strict
 * TCCC API stub: who gets a login for which seat, and what everyone else gets.
 */
class AgentSignInTest extends AgentWorkspaceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSignedInAgentGetsAOneTimeSdkUrlForTheirOwnSeatEveryTime() throws Exception {
        AgentSession li = signedIn(LI_LEI);

        HttpResponse<String> first = li.get("/agent/sdk-url");
        HttpResponse<String> second = li.get("/agent/sdk-url");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(TCCC.logins()).extracting(TcccApiStub.Login::seat).containsExactly(LI_LEI_SEAT, LI_LEI_SEAT);
        assertThat(JSON.readTree(first.body()).get("SdkURL").asText()).endsWith("token=" + TCCC.logins().get(0).token());
        assertThat(JSON.readTree(second.body()).get("SdkURL").asText())
                .as("never cached: a new login each time").endsWith("token=" + TCCC.logins().get(1).token());
        assertThat(first.body()).doesNotContain(TcccApiStub.SECRET_KEY).doesNotContain(TcccApiStub.SECRET_ID);
    }

    @Test
    void noRequestChoosesAnotherSeat() throws Exception {
        AgentSession han = signedIn(HAN_MEIMEI);

        HttpResponse<String> answer = han.get("/agent/sdk-url?SeatUserId=" + LI_LEI_SEAT + "&seat=" + LI_LEI_SEAT);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(TCCC.logins()).extracting(TcccApiStub.Login::seat).containsExactly(HAN_MEIMEI_SEAT);
    }

    @Test
    void twoAgentsEachGetTheirOwn() {
        AgentSession li = signedIn(LI_LEI);
        AgentSession han = signedIn(HAN_MEIMEI);

        assertThat(han.get("/agent/sdk-url").statusCode()).isEqualTo(200);
        assertThat(li.get("/agent/sdk-url").statusCode()).isEqualTo(200);

        assertThat(TCCC.logins()).extracting(TcccApiStub.Login::seat).containsExactly(HAN_MEIMEI_SEAT, LI_LEI_SEAT);
        assertThat(jdbc.queryForList("SELECT principal_name FROM spring_session", String.class))
                .as("sessions are kept in the database, for every instance").contains(LI_LEI, HAN_MEIMEI);
    }

    @Test
    void anAnonymousRequestIsRefusedAndMintsNothing() throws Exception {
        HttpResponse<String> answer = session().get("/agent/sdk-url");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(answer.body()).get("error").asText()).isEqualTo("sign-in-required");
        assertThat(answer.headers().firstValue("Location")).as("a script is never redirected").isEmpty();
        assertThat(TCCC.apiRequests()).isZero();
        assertThat(session().get("/agent/lookup?number=%2B8618412347605").statusCode()).isEqualTo(401);
        assertThat(session().get("/agent/me").statusCode()).isEqualTo(401);
    }

    @Test
    void aBrowserIsSentToTheIdentityProviderAndAFramedOneToTheSignInPage() {
        HttpResponse<String> page = session().navigate("/agent/", "document");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue(bridgeUrl() + "/oauth2/authorization/test-idp");

        HttpResponse<String> framed = session().navigate("/agent/?sfdcIframeOrigin=x&mode=Lightning", "iframe");
        assertThat(framed.statusCode()).isEqualTo(302);
        assertThat(framed.headers().firstValue("Location"))
                .hasValue(bridgeUrl() + "/agent/sign-in.html?sfdcIframeOrigin=x&mode=Lightning");
        assertThat(session().navigate("/agent/sign-in.html", "iframe").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnverifiedEmailNamesNoSeat() throws Exception {
        AgentSession mallory = signedIn(MALLORY);

        HttpResponse<String> answer = mallory.get("/agent/sdk-url");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(answer.body()).get("error").asText()).isEqualTo("email-not-verified");
        assertThat(TCCC.apiRequests()).isZero();
        JsonNode me = JSON.readTree(mallory.get("/agent/me").body());
        assertThat(me.get("seat").isNull()).isTrue();
        assertThat(me.get("problem").get("message").asText()).contains("not verified");
    }

    @Test
    void tcccRefusalsAreAnsweredInWordsWithAStatus() throws Exception {
        AgentSession newcomer = signedIn(NEWCOMER);
        HttpResponse<String> unknown = newcomer.get("/agent/sdk-url");
        assertThat(unknown.statusCode()).isEqualTo(403);
        JsonNode answer = JSON.readTree(unknown.body());
        assertThat(answer.get("error").asText()).isEqualTo("seat-unknown");
        assertThat(answer.get("message").asText()).contains("newcomer@example.com", "not an agent",
                String.valueOf(TcccApiStub.SDK_APP_ID));
        assertThat(answer.get("requestId").asText()).isNotBlank();

        AgentSession li = signedIn(LI_LEI);
        TCCC.failNext("RequestLimitExceeded", "request limit exceeded");
        HttpResponse<String> throttled = li.get("/agent/sdk-url");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(throttled.body()).get("error").asText()).isEqualTo("tccc-throttled");

        TCCC.failNext("AuthFailure.SecretIdNotFound", "The SecretId is not found");
        HttpResponse<String> keyRefused = li.get("/agent/sdk-url");
        assertThat(keyRefused.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(keyRefused.body()).get("message").asText())
                .contains("bridge.tccc.api.secret-id").doesNotContain(TcccApiStub.SECRET_KEY);

        TCCC.failNext("InternalError.DBError", "db error");
        HttpResponse<String> internal = li.get("/agent/sdk-url");
        assertThat(internal.statusCode()).isEqualTo(502);
        assertThat(internal.body()).doesNotContain("Exception").doesNotContain("at dev.");

        assertThat(li.get("/agent/sdk-url").statusCode()).as("and then it works again").isEqualTo(200);
        assertThat(TCCC.logins()).extracting(TcccApiStub.Login::seat).containsExactly(LI_LEI_SEAT);
    }

    @Test
    void theCallerIsLookedUpAsCdrDeliveryFindsTheCustomer() throws Exception {
        directory.search("18412347605", SalesforceDirectory.contact("003000000000007AAA", "Zhang Wei", "MobilePhone",
                "+86 184 1234 7605", "owner@example.com"));
        AgentSession li = signedIn(LI_LEI);

        JsonNode found = JSON.readTree(li.get("/agent/lookup?number=008618412347605").body());

        assertThat(found.get("number").asText()).isEqualTo("+86 184 1234 7605");
        assertThat(found.get("match").get("id").asText()).isEqualTo("003000000000007AAA");
        assertThat(found.get("match").get("type").asText()).isEqualTo("Contact");
        assertThat(found.get("match").get("name").asText()).isEqualTo("Zhang Wei");
        assertThat(found.get("match").get("url").asText()).isEqualTo(SALESFORCE.baseUrl() + "/003000000000007AAA");

        JsonNode none = JSON.readTree(li.get("/agent/lookup?number=%2B8613900001111").body());
        assertThat(none.get("match").isNull()).isTrue();

        HttpResponse<String> bad = li.get("/agent/lookup?number=call%20me");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("error").asText()).isEqualTo("not-a-number");
        assertThat(li.get("/agent/lookup").statusCode()).isEqualTo(400);
        assertThat(li.get("/agent/lookup?number=" + "1".repeat(60)).statusCode()).isEqualTo(400);
    }

    @Test
    void theOpenCtiScriptComesOnlyFromATrustedSalesforceOrigin() throws Exception {
        AgentSession li = signedIn(LI_LEI);

        JsonNode trusted = JSON.readTree(li.get("/agent/me?crmOrigin=https%3A%2F%2Facme.lightning.force.com").body());
        assertThat(trusted.get("openCtiScript").asText())
                .isEqualTo("https://acme.lightning.force.com/support/api/62.0/lightning/opencti_min.js");
        assertThat(trusted.get("seat").asText()).isEqualTo(LI_LEI_SEAT);
        assertThat(trusted.get("name").asText()).isEqualTo("Li Lei");

        HttpResponse<String> foreign = li.get("/agent/me?crmOrigin=https%3A%2F%2Fevil.example");
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(foreign.body()).get("error").asText()).isEqualTo("crm-origin-refused");

        HttpResponse<String> page = li.navigate("/agent/", "document");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .isEqualTo("frame-ancestors 'self' https://*.lightning.force.com " + LIGHTNING.origin()));
        assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
    }

    @Test
    void theSessionCookieIsTheBridgesAndSigningOutNeedsTheCsrfToken() throws Exception {
        AgentSession li = signedIn(LI_LEI);
        assertThat(li.bridgeCookies()).singleElement().satisfies(cookie -> {
            assertThat(cookie.getName()).isEqualTo("TCCC_BRIDGE_SESSION");
            assertThat(cookie.isHttpOnly()).isTrue();
        });

        assertThat(li.postForm("/agent/logout", "").statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(li.get("/agent/sdk-url").statusCode()).isEqualTo(200);

        JsonNode csrf = JSON.readTree(li.get("/agent/me").body()).get("csrf");
        HttpResponse<String> out = li.postForm("/agent/logout", csrf.get("parameter").asText() + "="
                + java.net.URLEncoder.encode(csrf.get("token").asText(), java.nio.charset.StandardCharsets.UTF_8));

        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location")).as("signed out at the provider too")
                .hasValueSatisfying(location -> assertThat(java.net.URLDecoder.decode(location,
                        java.nio.charset.StandardCharsets.UTF_8)).startsWith(ISSUER.issuerUri())
                        .contains("post_logout_redirect_uri=" + bridgeUrl() + "/agent/signed-out.html"));
        assertThat(li.get("/agent/sdk-url").statusCode()).isEqualTo(401);
        assertThat(TCCC.logins()).hasSize(1);
    }

    @Test
    void pushAndAdminAuthenticationStayAsTheyAre() {
        Bridge machines = new Bridge(port, jdbc);
        HttpResponse<String> admin = new AgentSession(bridgeUrl()).navigate("/admin/inbox/dead", "document");
        assertThat(admin.statusCode()).as("admin: Basic challenge, no sign-in redirect").isEqualTo(401);
        assertThat(admin.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(machines.admin("GET", "/admin/inbox/dead").statusCode()).isEqualTo(200);
        assertThat(admin.headers().firstValue("Set-Cookie")).isEmpty();
    }
}
