package dev.tcccbridge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.testing.AgentSession;
import dev.tcccbridge.testing.SalesforceBridgeTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The bridge as shipped: the agent workspace is off and says how to turn it on; nothing else changes. */
class AgentWorkspaceOffTest extends SalesforceBridgeTest {

    @Test
    void theAgentPageSaysHowToTurnItOn() {
        AgentSession visitor = new AgentSession("http://127.0.0.1:" + port);

        HttpResponse<String> page = visitor.navigate("/agent/", "document");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("The agent workspace is off", "bridge.agent.enabled=true",
                "spring.security.oauth2.client.registration", "docs/AGENT.md");
        assertThat(page.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
        assertThat(visitor.navigate("/agent", "document").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/agent/"));
    }

    @Test
    void theAgentEndpointsAnswerThatItIsOff() {
        AgentSession visitor = new AgentSession("http://127.0.0.1:" + port);

        for (String path : new String[] {"/agent/sdk-url", "/agent/lookup?number=123456789", "/agent/me"}) {
            HttpResponse<String> answer = visitor.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).contains("\"error\":\"agent-workspace-off\"", "bridge.agent.enabled=true");
        }
        assertThat(visitor.navigate("/oauth2/authorization/anything", "document").statusCode())
                .as("no sign-in either").isEqualTo(404);
    }
}
