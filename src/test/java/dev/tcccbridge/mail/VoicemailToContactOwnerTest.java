package dev.tcccbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tcccbridge.testing.SalesforceBridgeTest;
import dev.tcccbridge.testing.SalesforceDirectory;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A voicemail from a number Salesforce knows, end to end: pushed over HTTP, delivered from the
 * inbox, the caller found by the real camel-salesforce (SOSL on phone fields) in the Salesforce
 * stub, and the mail addressed to the Contact's owner, naming the Contact with a link to it.
 */
class VoicemailToContactOwnerTest extends SalesforceBridgeTest {

    @TempDir
    static Path outbox;

    @DynamicPropertySource
    static void testProperties(DynamicPropertyRegistry registry) {
        registry.add("bridge.mail.outbox-dir", () -> outbox.toString());
    }

    @Test
    void theMailGoesToTheOwnerOfTheContactWhoseNumberCalled() throws Exception {
            // the CRM writes the number its own way; TCCC sends it with the international prefix
        directory.search("18486147605", SalesforceDirectory.contact("003000000000031AAA", "Wang Fang", "MobilePhone",
                "+86 184-8614-7605", "fang.owner@sales.example"));

        bridge.push("voicemail", "vm-owner-1", """
                {"SdkAppId":1400264214,"SessionId":"vm-owner-session","Timestamp":1677140068,
                 "RecordURL":"https://recorder.example/vm-owner.mp3","EndpointUser":"008618486147605"}""");
        bridge.awaitStatus("vm-owner-1", "DONE");

        await().atMost(Duration.ofSeconds(5)).until(() -> emls().size() == 1);
        MimeMessage mail;
        try (InputStream in = Files.newInputStream(emls().get(0))) {
            mail = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("fang.owner@sales.example");
        String text = (String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent();
        assertThat(text).contains("Wang Fang", SALESFORCE.baseUrl() + "/003000000000031AAA",
                "https://recorder.example/vm-owner.mp3");
    }

    private static List<Path> emls() throws Exception {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".eml")).toList();
        }
    }
}
