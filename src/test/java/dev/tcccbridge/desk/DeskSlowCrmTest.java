package dev.tcccbridge.desk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.testing.SalesforceStub;
import dev.tcccbridge.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A CRM that takes 5 s: Desk gets the fallback within its time budget, then no more waiting at all. */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.desk.sdk-app-id=1400000001",
        "bridge.desk.token=desk-callback-token",
        "bridge.desk.timeout=1500ms",
        "bridge.desk.circuit-breaker.minimum-number-of-calls=2",
        "bridge.desk.circuit-breaker.sliding-window-size=2",
        "bridge.desk.circuit-breaker.wait-duration-in-open-state=10m"})
class DeskSlowCrmTest {

    static final SalesforceStub SALESFORCE = new SalesforceStub();
    static final String QUERY_PATH = SALESFORCE.dataPath() + "/query/";
    static final Duration BUDGET = Duration.ofMillis(1500);
    static final String FALLBACK = "{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"ErrorInfo\":\"\"}";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        SALESFORCE.register(registry);
    }

    @AfterAll
    static void stop() {
        SALESFORCE.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Test
    void slowCrmGetsTheFallbackInTimeAndOnceTheCircuitOpensIsNotCalledAtAll() throws Exception {
        SALESFORCE.server().stubFor(get(urlPathEqualTo(QUERY_PATH)).willReturn(aResponse()
                .withFixedDelay(5000)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"totalSize\":0,\"done\":true,\"records\":[]}")));
        DeskClient desk = new DeskClient(port, "1400000001", "desk-callback-token");
        // a bridge that has answered before: a callback naming no user is answered without the CRM
        assertThat(desk.send("ChatBot.OnAssignHuman", DeskClient.assignHuman("")).statusCode()).isEqualTo(200);
        SALESFORCE.server().verify(0, getRequestedFor(urlPathEqualTo(QUERY_PATH)));

        // the CRM is called and does not answer in time: the fallback, within the budget
        for (String user : new String[] {"slow-1", "slow-2"}) {
            long start = System.nanoTime();
            HttpResponse<String> response = desk.send("ChatBot.OnAssignHuman", DeskClient.assignHuman(user));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json.readTree(response.body())).isEqualTo(json.readTree(FALLBACK));
            assertThat(took).isLessThan(BUDGET);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                SALESFORCE.server().verify(2, getRequestedFor(urlPathEqualTo(QUERY_PATH))));

        // two slow lookups out of two: the circuit is open and the CRM is left alone
        for (String user : new String[] {"slow-3", "slow-4", "slow-5"}) {
            long start = System.nanoTime();
            HttpResponse<String> response = desk.send("Chatbot.InterfaceInvocation",
                    DeskClient.interfaceInvocation(user));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json.readTree(response.body()).path("Body").isEmpty()).isTrue();
            assertThat(json.readTree(response.body()).path("ErrorCode").asInt()).isZero();
            // not waiting for the lookup timeout (1,200 ms): answered at once, with room for a slow machine
            assertThat(took).isLessThan(Duration.ofMillis(800));
        }
        SALESFORCE.server().verify(2, getRequestedFor(urlPathEqualTo(QUERY_PATH)));
    }
}
