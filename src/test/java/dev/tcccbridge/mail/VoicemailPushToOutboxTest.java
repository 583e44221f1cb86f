package dev.tcccbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tcccbridge.testing.Bridge;
import dev.tcccbridge.testing.TestDatabases;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole voicemail flow on the embedded defaults (file mode, CRM dry-run): the vendor's
 * sample pushed over HTTP, with headers that try to redirect the mail, is acknowledged,
 * delivered from the inbox and written once as an .eml to the default mailbox; a repeated push
 * writes nothing more.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VoicemailPushToOutboxTest {

    @TempDir
    static Path outbox;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        Bridge.register(registry);
        registry.add("bridge.mail.outbox-dir", () -> outbox.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void thePushedSampleBecomesOneEmlForTheDefaultMailbox() throws Exception {
        String sample = Files.readString(Path.of("examples", "voicemail.json"));
        HttpRequest hostile = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/tccc/push?action=voicemail"))
                .header("Content-Type", "application/json;charset=utf8")
                .header("X-TCCC-PUSH-UUID", "vm-e2e-1")
                .header("To", "attacker@evil.example")
                .header("Bcc", "spy@evil.example")
                .header("Subject", "Reset your password")
                .POST(HttpRequest.BodyPublishers.ofString(sample)).build();
        HttpClient http = HttpClient.newHttpClient();

        assertThat(http.send(hostile, HttpResponse.BodyHandlers.ofString()).body()).contains("\"ErrCode\":0");
        new Bridge(port, jdbc).awaitStatus("vm-e2e-1", "DONE");
        assertThat(http.send(hostile, HttpResponse.BodyHandlers.ofString()).body()).contains("duplicate");

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> emls().size() == 1);
        MimeMessage mail;
        try (InputStream in = Files.newInputStream(emls().get(0))) {
            mail = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(mail.getSubject()).startsWith("Voicemail from +86 131 2345 6789 at 2020-12-16");
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("voicemail@localhost");
        assertThat(mail.getRecipients(Message.RecipientType.BCC)).isNull();
        assertThat(mail.getMessageID()).isEqualTo(MessageIds.voicemail("e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55"));
    }

    private static List<Path> emls() throws Exception {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".eml")).toList();
        }
    }
}
