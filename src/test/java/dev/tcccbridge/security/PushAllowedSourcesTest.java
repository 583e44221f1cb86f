package dev.tcccbridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.security.PushClient.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Mode none locked to TCCC's addresses (bridge.tccc.push.allowed-sources), with a reverse proxy
 * in front (bridge.tccc.push.trusted-proxies). Every loopback address is this machine, so each
 * request is sent from the address it plays: 127.0.0.3 is TCCC, 127.0.0.2 the proxy, 127.0.0.4
 * someone else.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.tccc.push.allowed-sources=127.0.0.3,203.0.113.0/24",
        "bridge.tccc.push.trusted-proxies=127.0.0.2,10.0.0.0/8",
        "bridge.admin.username=operator",
        "bridge.admin.password=operator-secret"})
class PushAllowedSourcesTest extends PushEndpointTest {

    static final String TCCC = "127.0.0.3";
    static final String PROXY = "127.0.0.2";
    static final String STRANGER = "127.0.0.4";

    @Test
    void tcccsAddressPushes() {
        Raw answer = push(TCCC, null);

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(client.rows("tccc_inbox")).isEqualTo(1);
    }

    @Test
    void anyOtherAddressIsRefusedInTcccsFormatAndNothingIsStored() {
        Raw answer = push(STRANGER, null);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo("{\"ErrCode\":40301,\"ErrMsg\":\"this address may not push to this bridge\"}");
        assertThat(client.nothingStored()).isTrue();
    }

    @Test
    void aForwardedForHeaderFromAnAddressThatIsNoTrustedProxyIsIgnored() {
        Raw answer = push(STRANGER, "203.0.113.9");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(client.nothingStored()).isTrue();
    }

    @Test
    void behindTheTrustedProxyTheForwardedSenderCounts() {
        assertThat(push(PROXY, "203.0.113.9").status()).isEqualTo(200);
        // through two proxies: the inner one is trusted too
        assertThat(push(PROXY, "203.0.113.10, 10.1.2.3").status()).isEqualTo(200);
        assertThat(client.rows("tccc_inbox")).isEqualTo(2);
    }

    @Test
    void anAllowedAddressWrittenIntoTheHeaderByTheSenderItselfIsNotBelieved() {
        // the client sent "X-Forwarded-For: 203.0.113.9"; the proxy appended the client's real address
        Raw spoofed = push(PROXY, "203.0.113.9, 198.51.100.7");
        Raw garbage = push(PROXY, "unknown");
        Raw none = push(PROXY, null);

        assertThat(spoofed.status()).isEqualTo(403);
        assertThat(garbage.status()).isEqualTo(403);
        assertThat(none.status()).as("the proxy itself is not TCCC").isEqualTo(403);
        assertThat(client.nothingStored()).isTrue();
    }

    @Test
    void theStartLogNamesTheRiskOfModeNoneAndHealthShowsTheModeToTheAdmin(CapturedOutput log) {
        Answer anonymous = client.get("/actuator/health", null);
        Answer admin = client.get("/actuator/health", PushClient.basic("operator", "operator-secret"));
        Answer wrong = client.get("/actuator/health", PushClient.basic("operator", "guess"));

        assertThat(log.getAll()).contains("bridge.tccc.push.auth.mode is none: /tccc/push accepts pushes without "
                + "credentials from bridge.tccc.push.allowed-sources [127.0.0.3, 203.0.113.0/24]");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().has("components")).as("no details for anyone").isFalse();
        JsonNode components = admin.json().path("components");
        assertThat(components.path("push").path("details").path("auth").asText()).isEqualTo("none");
        assertThat(components.path("push").path("details").path("allowedSources").toString())
                .isEqualTo("[\"127.0.0.3\",\"203.0.113.0/24\"]");
        assertThat(components.path("crm").path("details").path("mode").asText()).isEqualTo("dry-run");
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void lineBreaksInALoggedRequestValueCannotForgeALogLine(CapturedOutput log) {
        String session = "s-" + PushClient.newPushId().substring(0, 8) + "\r\n2026-01-01T00:00:00Z ERROR forged entry";
        byte[] cdr = CdrJson.sample().session(session).json().getBytes(StandardCharsets.UTF_8);

        assertThat(send(TCCC, "POST /tccc/push?action=cdr&version=1 HTTP/1.1", null, cdr).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> log.getAll().contains("ERROR forged entry) delivered"));

        assertThat(log.getAll()).contains("\\r\\n2026-01-01T00:00:00Z ERROR forged entry) delivered");
        assertThat(log.getAll().lines()).noneMatch(line -> line.startsWith("2026-01-01T00:00:00Z ERROR forged"));
    }

    record Raw(int status, String body) {
    }

    private Raw push(String from, String forwardedFor) {
        return send(from, "POST /tccc/push?action=cdr&version=1 HTTP/1.1", forwardedFor, sampleCdr());
    }

    /** One request on a connection from the given local address, as a proxy or TCCC would open it. */
    private Raw send(String from, String requestLine, String forwardedFor, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5000);
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder(requestLine).append("\r\n")
                    .append("Host: localhost:").append(port).append("\r\n")
                    .append("Content-Type: application/json; charset=utf8\r\n")
                    .append("X-TCCC-PUSH-UUID: ").append(PushClient.newPushId()).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n")
                    .append("Connection: close\r\n");
            if (forwardedFor != null) {
                head.append("X-Forwarded-For: ").append(forwardedFor).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Raw parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String response = all.toString(StandardCharsets.UTF_8);
        int status = Integer.parseInt(response.substring(9, 12));
        String rest = response.substring(response.indexOf("\r\n\r\n") + 4);
        if (response.toLowerCase().contains("transfer-encoding: chunked")) {
            StringBuilder body = new StringBuilder();
            while (!rest.isEmpty()) {
                int lineEnd = rest.indexOf("\r\n");
                int size = Integer.parseInt(rest.substring(0, lineEnd).strip(), 16);
                if (size == 0) {
                    break;
                }
                body.append(rest, lineEnd + 2, lineEnd + 2 + size);
                rest = rest.substring(lineEnd + 2 + size + 2);
            }
            rest = body.toString();
        }
        return new Raw(status, rest);
    }

    private static byte[] sampleCdr() {
        try {
            return Files.readAllBytes(Path.of("examples/cdr.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
