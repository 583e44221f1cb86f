package dev.tcccbridge.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.testing.SalesforceStub;
import dev.tcccbridge.testing.TestDatabases;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The real camel-salesforce component logs in to the stub and runs a SOQL query against it. */
@CamelSpringBootTest
@SpringBootTest
class SalesforceStubLoginTest {

    static final SalesforceStub SALESFORCE = new SalesforceStub();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        SALESFORCE.register(registry);
    }

    @AfterAll
    static void stop() {
        SALESFORCE.close();
    }

    @Autowired
    ProducerTemplate producer;

    @Test
    void componentLogsInAndQueriesWithTheIssuedToken() {
        SALESFORCE.server().stubFor(get(urlPathEqualTo(SALESFORCE.dataPath() + "/query/")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"005000000000002AAA\"}]}")));

        String answer = producer.requestBody(
                "salesforce:query?rawPayload=true&sObjectQuery=SELECT Id FROM User LIMIT 1", null, String.class);

        assertThat(answer).contains("005000000000002AAA");
        SALESFORCE.server().verify(getRequestedFor(urlPathEqualTo(SALESFORCE.dataPath() + "/query/"))
                .withHeader("Authorization", equalTo("Bearer stub-access-token")));
    }
}
