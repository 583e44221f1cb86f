package dev.tcccbridge.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A local stand-in for Salesforce's REST API, for the real camel-salesforce component to talk
 * to over plain HTTP. It answers the OAuth username-password login; each test stubs the REST
 * calls it expects ({@link #server()} is a WireMock server) and verifies what was sent.
 *
 * <p>Use one per test class: start it in a static initialiser or {@code @BeforeAll}, call
 * {@link #register} from {@code @DynamicPropertySource}, and {@link #resetRequests} between tests.
 * Upserts by external id and creates are served by {@link #records()}, which keeps records as
 * Salesforce does.
 */
public final class SalesforceStub implements AutoCloseable {

    /** The org and user ids the login answer carries; the component cuts the org id out of the id URL. */
    public static final String ORG_ID = "00D000000000001AAA";
    public static final String INTEGRATION_USER_ID = "005000000000001AAA";
    public static final String API_VERSION = "62.0";

    private final WireMockServer server;
    private final SalesforceRecords records = new SalesforceRecords();

    public SalesforceStub() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(records));
        server.start();
        stubLoginAndUpserts();
    }

    /** The records upserts create and update. */
    public SalesforceRecords records() {
        return records;
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** Path prefix of the REST API, e.g. {@code /services/data/v62.0}. */
    public String dataPath() {
        return "/services/data/v" + API_VERSION;
    }

    /** Points camel-salesforce (Camel's own keys) and the CRM mode at this stub. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("bridge.crm.mode", () -> "salesforce");
        registry.add("camel.component.salesforce.login-url", this::baseUrl);
        registry.add("camel.component.salesforce.authentication-type", () -> "USERNAME_PASSWORD");
        registry.add("camel.component.salesforce.client-id", () -> "stub-client-id");
        registry.add("camel.component.salesforce.client-secret", () -> "stub-client-secret");
        registry.add("camel.component.salesforce.user-name", () -> "integration@example.com");
        registry.add("camel.component.salesforce.password", () -> "stub-password");
        registry.add("camel.component.salesforce.api-version", () -> API_VERSION);
    }

    /** Forgets recorded requests, test stubs and records; keeps the login and the upserts. */
    public void resetRequests() {
        server.resetAll();
        records.clear();
        stubLoginAndUpserts();
    }

    private void stubLoginAndUpserts() {
        server.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"access_token":"stub-access-token","instance_url":"%s",
                         "id":"%s/id/%s/%s","token_type":"Bearer",
                         "issued_at":"1700000000000","signature":"stub"}"""
                        .formatted(baseUrl(), baseUrl(), ORG_ID, INTEGRATION_USER_ID))));
        server.stubFor(patch(urlPathMatching(dataPath() + "/sobjects/[^/]+/[^/]+/[^/]+"))
                .willReturn(aResponse().withTransformers(SalesforceRecords.NAME)));
        server.stubFor(post(urlPathMatching(dataPath() + "/sobjects/[^/]+/?"))
                .willReturn(aResponse().withTransformers(SalesforceRecords.NAME)));
    }

    @Override
    public void close() {
        server.stop();
    }
}
