package dev.tcccbridge.agent;

import dev.tcccbridge.testing.AgentSession;
import dev.tcccbridge.testing.OidcIssuer;
import dev.tcccbridge.testing.OpenCtiStub;
import dev.tcccbridge.testing.SalesforceBridgeTest;
import dev.tcccbridge.testing.TcccApiStub;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of the agent workspace's tests: the bridge (reached at 127.0.0.1) with the workspace on, its
 * agents signing in at a local OpenID Connect issuer, CreateSDKLoginToken answered by the TCCC API stub,
 * the CRM by the Salesforce stub. One issuer, one TCCC stub and one Spring context serve every subclass.
 */
abstract class AgentWorkspaceTest extends SalesforceBridgeTest {

    static final OidcIssuer ISSUER = new OidcIssuer();
    static final TcccApiStub TCCC = new TcccApiStub();
    static final OpenCtiStub LIGHTNING = new OpenCtiStub();

    static final String PASSWORD = "agent-password";
    /** Signs in as li.lei, seat li.lei@example.com. */
    static final String LI_LEI = "li.lei";
    static final String LI_LEI_SEAT = "li.lei@example.com";
    static final String HAN_MEIMEI = "han.meimei";
    static final String HAN_MEIMEI_SEAT = "han.meimei@example.com";
    /** A sign-in whose e-mail the issuer has not verified: it claims li.lei's. */
    static final String MALLORY = "mallory";
    /** Signed in, but TCCC has no such agent. */
    static final String NEWCOMER = "newcomer";

    static {
        ISSUER.user(LI_LEI, PASSWORD, Map.of("email", LI_LEI_SEAT, "email_verified", true, "name", "Li Lei"))
                .user(HAN_MEIMEI, PASSWORD, Map.of("email", HAN_MEIMEI_SEAT, "email_verified", true,
                        "name", "Han Meimei"))
                .user(MALLORY, PASSWORD, Map.of("email", LI_LEI_SEAT, "email_verified", false, "name", "Mallory"))
                .user(NEWCOMER, PASSWORD, Map.of("email", "newcomer@example.com", "email_verified", true));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ISSUER.close();
            TCCC.close();
            LIGHTNING.close();
        }));
    }

    @DynamicPropertySource
    static void agentWorkspace(DynamicPropertyRegistry registry) {
        registry.add("bridge.agent.enabled", () -> "true");
        ISSUER.register(registry);
        TCCC.register(registry);
        registry.add("bridge.agent.salesforce-origins[0]", () -> "https://*.lightning.force.com");
        registry.add("bridge.agent.salesforce-origins[1]", LIGHTNING::origin);
    }

    @BeforeEach
    void tcccKnowsTheAgents() {
        TCCC.reset();
        TCCC.seat(LI_LEI_SEAT).seat(HAN_MEIMEI_SEAT);
    }

    String bridgeUrl() {
        return "http://127.0.0.1:" + port;
    }

    AgentSession session() {
        return new AgentSession(bridgeUrl());
    }

    AgentSession signedIn(String username) {
        AgentSession session = session();
        var page = session.signIn(username, PASSWORD);
        if (page.statusCode() != 200 || !page.body().contains("TCCC softphone")) {
            throw new IllegalStateException(username + " could not sign in: " + page.statusCode() + " " + page.uri());
        }
        return session;
    }
}
