package dev.tcccbridge.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.crm.CrmMode;
import dev.tcccbridge.testing.TestDatabases;
import java.net.http.HttpResponse;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Without Salesforce credentials the bridge starts, and Desk callbacks get the no-assignment
 * answer. Unsigned callbacks, as allowed explicitly here, are checked by their SdkAppid only.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.desk.sdk-app-id=1400000001",
        "bridge.desk.allow-unsigned=true",
        "bridge.desk.assignment.default-group-id=7000"})
class DeskDryRunTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    CrmMode crmMode;

    @Autowired
    ObjectMapper json;

    @Test
    void dryRunAnswersTheDefaultGroupAndNoVariables() throws Exception {
        DeskClient desk = new DeskClient(port, "1400000001", null);

        HttpResponse<String> assign = desk.send("ChatBot.OnAssignHuman", DeskClient.assignHuman("user517"));
        HttpResponse<String> invoke = desk.send("Chatbot.InterfaceInvocation",
                DeskClient.interfaceInvocation("user517"));

        assertThat(crmMode).isEqualTo(CrmMode.DRY_RUN);
        assertThat(assign.statusCode()).isEqualTo(200);
        assertThat(json.readTree(assign.body())).isEqualTo(json.readTree("""
                {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","AgentGroupId":7000}"""));
        assertThat(invoke.statusCode()).isEqualTo(200);
        assertThat(json.readTree(invoke.body())).isEqualTo(json.readTree("""
                {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","Body":{}}"""));
    }

    @Test
    void withoutTokenTheSdkAppidIsStillChecked() {
        DeskClient otherApp = new DeskClient(port, "1400000999", null);

        HttpResponse<String> response = otherApp.send("ChatBot.OnAssignHuman", DeskClient.assignHuman("user517"));

        assertThat(response.statusCode()).isEqualTo(403);
    }
}
