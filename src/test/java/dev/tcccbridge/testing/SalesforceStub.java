package dev.tcccbridge.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A local stand-in for Salesforce's REST API, for the real camel-salesforce component to talk
 * to over plain HTTP. It answers the OAuth username-password login; upserts (one record, or up
 * to 200 by sObject Collections) and creates are served by {@link #records()}, which keeps
 * records as Salesforce does; SOQL and SOSL lookups by {@link #directory()}. Tests may stub other
 * calls themselves ({@link #server()} is a WireMock server) and verify what was sent.
 *
 * <p>Like Salesforce, every answer of the REST API carries the org's API usage,
 * {@code Sforce-Limit-Info: api-usage=<used>/<allowance>}, each call adding one; once the
 * allowance is used up its calls are refused with 403 {@code REQUEST_LIMIT_EXCEEDED}; a query
 * whose URI is longer than 16,384 bytes is refused with 414. {@link #latency} makes every answer take that long.
 *
 * <p>Like an org, it knows only the objects and fields its metadata declares: the shipped
 * {@code salesforce/} metadata, the standard fields the bridge uses, and those a test adds
 * ({@link #orgAlsoHas}). A query, search or record naming any other is refused as Salesforce
 * refuses it (400 {@code INVALID_FIELD}, "No such column ..."), even where a test stubs the answer.
 *
 * <p>Use one per test class (or one per test run, {@link SalesforceBridgeTest}): call
 * {@link #register} from {@code @DynamicPropertySource}, and {@link #resetRequests} between tests.
 */
public final class SalesforceStub implements AutoCloseable {

    /** The org and user ids the login answer carries; the component cuts the org id out of the id URL. */
    public static final String ORG_ID = "00D000000000001AAA";
    public static final String INTEGRATION_USER_ID = "005000000000001AAA";
    public static final String API_VERSION = "62.0";
    public static final long DEFAULT_ALLOWANCE = 100_000;
    static final int MAX_URI = 16_384;
    static final String LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";

    private final WireMockServer server;
    private final ApiUsage usage = new ApiUsage();
    private final SalesforceRecords records = new SalesforceRecords(usage);
    private final SalesforceDirectory directory = new SalesforceDirectory(records, usage);
    private final SalesforceSchemaCheck schema = new SalesforceSchemaCheck();

    public SalesforceStub() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .extensions(records, directory, usage, schema));
        server.start();
        stubLoginAndRestApi();
    }

    /** The records upserts create and update. */
    public SalesforceRecords records() {
        return records;
    }

    /** The users and customers lookups find. */
    public SalesforceDirectory directory() {
        return directory;
    }

    /**
     * The org also has these fields of the integration team's own ({@code Account.Tier__c}), until
     * {@link #resetRequests}; any other field that the shipped metadata and the standard fields
     * ({@link SalesforceMetadata}) do not name is refused, as a real org refuses it.
     */
    public void orgAlsoHas(String... objectFields) {
        schema.orgAlsoHas(objectFields);
    }

    /** Every field the REST calls since the last reset named, with the access each needed. */
    public java.util.Set<SalesforceMetadata.Use> fieldsUsed() {
        return schema.uses();
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

    /** The org's API usage from now on: {@code used} calls of {@code allowance} made in the last 24 hours. */
    public void apiUsage(long used, long allowance) {
        usage.set(used, allowance);
    }

    /** Calls made to the REST API (every answer of it counts one, as Salesforce counts). */
    public long apiCallsMade() {
        return usage.used.get() - usage.startedAt.get();
    }

    /** Every answer of the REST API takes this long (0: none), as a busy org's would. */
    public void latency(int millis) {
        server.setGlobalFixedDelay(millis);
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

    /** Forgets recorded requests, test stubs, records, users and customers; the API usage starts again. */
    public void resetRequests() {
        server.resetAll();
        records.clear();
        directory.findNothingElse();
        schema.reset();
        usage.set(0, DEFAULT_ALLOWANCE);
        stubLoginAndRestApi();
    }

    private void stubLoginAndRestApi() {
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
        server.stubFor(patch(urlPathMatching(dataPath() + "/composite/sobjects/[^/]+/[^/]+"))
                .willReturn(aResponse().withTransformers(SalesforceRecords.NAME)));
        // an update by record id (the Desk user id written onto a Contact): Salesforce answers 204
        server.stubFor(patch(urlPathMatching(dataPath() + "/sobjects/[^/]+/[^/]+"))
                .willReturn(aResponse().withStatus(204)));
        server.stubFor(post(urlPathMatching(dataPath() + "/sobjects/[^/]+/?"))
                .willReturn(aResponse().withTransformers(SalesforceRecords.NAME)));
        // below the queries a test stubs itself
        server.stubFor(get(urlPathEqualTo(dataPath() + "/query/")).atPriority(10)
                .willReturn(aResponse().withTransformers(SalesforceDirectory.NAME)));
        server.stubFor(get(urlPathEqualTo(dataPath() + "/search/")).atPriority(10)
                .willReturn(aResponse().withTransformers(SalesforceDirectory.NAME)));
    }

    @Override
    public void close() {
        server.stop();
    }

    /**
     * The org's daily API usage: every answer of the REST API carries it and counts one; the
     * stub's own endpoints refuse calls once it is used up ({@link #refusal}).
     */
    static final class ApiUsage implements ResponseTransformerV2 {

        final AtomicLong used = new AtomicLong();
        final AtomicLong startedAt = new AtomicLong();
        private volatile long allowance = DEFAULT_ALLOWANCE;

        void set(long used, long allowance) {
            this.used.set(used);
            this.startedAt.set(used);
            this.allowance = allowance;
        }

        /** 403 REQUEST_LIMIT_EXCEEDED once the allowance is used up, as Salesforce answers then; else null. */
        ResponseDefinition refusal() {
            return used.get() < allowance ? null
                    : SalesforceRecords.answer(403, SalesforceRecords.error(LIMIT_EXCEEDED, "TotalRequests Limit exceeded."));
        }

        @Override
        public String getName() {
            return "salesforce-api-usage";
        }

        @Override
        public Response transform(Response response, ServeEvent event) {
            if (!event.getRequest().getUrl().startsWith("/services/data/")) {
                return response;
            }
            boolean refused = response.getStatus() == 403 && response.getBodyAsString().contains(LIMIT_EXCEEDED);
            long count = refused ? used.get() : used.incrementAndGet();
            return Response.Builder.like(response).but()
                    .headers(response.getHeaders().plus(HttpHeader.httpHeader("Sforce-Limit-Info",
                            "api-usage=" + count + "/" + allowance)))
                    .build();
        }
    }
}
