package dev.tcccbridge.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.tcccapi.TcccApiClient;
import dev.tcccbridge.tcccapi.TcccApiProperties;
import dev.tcccbridge.testing.TcccApiStub;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CreateSDKLoginToken through the real signed client, against the strict TCCC API stub. */
class SdkLoginsTest {

    static final TcccApiStub TCCC = new TcccApiStub();

    @AfterAll
    static void stop() {
        TCCC.close();
    }

    @BeforeEach
    void reset() {
        TCCC.reset();
        TCCC.seat("li.lei@example.com");
    }

    @Test
    void asksForAOneTimeLoginOfTheSeat() {
        String url = logins(TcccApiStub.SECRET_KEY, TCCC.endpoint()).sdkUrl("li.lei@example.com");

        assertThat(url).endsWith("token=" + TCCC.logins().get(0).token());
        var body = TCCC.lastRequestBody();
        assertThat(body.get("SdkAppId").asLong()).isEqualTo(TcccApiStub.SDK_APP_ID);
        assertThat(body.get("SeatUserId").asText()).isEqualTo("li.lei@example.com");
        assertThat(body.get("OnlyOnce").asBoolean()).as("single use").isTrue();
    }

    @Test
    void aWrongKeyIsRefusedByTheSignatureCheck() {
        assertThatThrownBy(() -> logins("not-the-key", TCCC.endpoint()).sdkUrl("li.lei@example.com"))
                .isInstanceOfSatisfying(AgentRefusal.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(502);
                    assertThat(refusal.code()).isEqualTo("tccc-key-refused");
                    assertThat(refusal.getMessage()).contains("AuthFailure.SignatureFailure")
                            .doesNotContain("not-the-key");
                    assertThat(refusal.requestId()).isNotBlank();
                });
        assertThat(TCCC.logins()).isEmpty();
    }

    @Test
    void anotherApplicationAndAnUnreachableApiAreToldApart() throws Exception {
        SdkLogins otherApp = new SdkLogins(() -> client(TcccApiStub.SECRET_KEY, TCCC.endpoint()), 1400000999L);
        assertThatThrownBy(() -> otherApp.sdkUrl("li.lei@example.com")).isInstanceOfSatisfying(AgentRefusal.class,
                refusal -> assertThat(refusal.code()).isEqualTo("tccc-application-unknown"));

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SdkLogins unreachable = logins(TcccApiStub.SECRET_KEY, "http://127.0.0.1:" + closedPort);
        assertThatThrownBy(() -> unreachable.sdkUrl("li.lei@example.com")).isInstanceOfSatisfying(AgentRefusal.class,
                refusal -> {
                    assertThat(refusal.status()).isEqualTo(504);
                    assertThat(refusal.code()).isEqualTo("tccc-unreachable");
                });
    }

    private static SdkLogins logins(String secretKey, String endpoint) {
        return new SdkLogins(() -> client(secretKey, endpoint), TcccApiStub.SDK_APP_ID);
    }

    private static TcccApiClient client(String secretKey, String endpoint) {
        return new TcccApiClient(new TcccApiProperties(endpoint, "ap-singapore", TcccApiStub.SECRET_ID, secretKey,
                Duration.ofSeconds(3)), new ObjectMapper());
    }
}
