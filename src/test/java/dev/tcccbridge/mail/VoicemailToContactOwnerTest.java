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
import java.util.Map;
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

    @Test
    void theVoicemailBecomesAnOpenCallBackTaskLinkedToTheCallerAndToTheCallsTask() throws Exception {
        directory.search("18486147605", SalesforceDirectory.contact("003000000000031AAA", "Wang Fang", "MobilePhone",
                "+86 184-8614-7605", "fang.owner@sales.example"));
        // the call the voicemail was left in has its Task already (its CDR came first)
        String callTask = SALESFORCE.records().put("Task", "TCCC_Session_Id__c", "vm-call-session",
                Map.of("Subject", "Inbound call from +86 184 8614 7605"));
        int mailsBefore = emls().size();

        bridge.push("voicemail", "vm-task-1", """
                {"SdkAppId":1400264214,"SessionId":"vm-call-session","Timestamp":1677140068,
                 "RecordURL":"https://recorder.example/vm-call.mp3","EndpointUser":"008618486147605"}""");
        bridge.awaitStatus("vm-task-1", "DONE");

        Map<String, Object> task = SALESFORCE.records().get("Task", "voicemail:vm-call-session");
        assertThat(task).containsEntry("Subject", "Call back +86 184 8614 7605 (Wang Fang)")
                .containsEntry("Status", "Not Started")
                .containsEntry("ActivityDate", "2023-02-23")
                .containsEntry("WhoId", "003000000000031AAA")
                .containsEntry("OwnerId", "005000000000077AAA")
                .containsEntry("TCCC_Call_Task_Id__c", callTask);
        assertThat((String) task.get("Description")).contains("https://recorder.example/vm-call.mp3", "Call: " + callTask);
        // the call's own Task is left as it was, and the mail still goes
        assertThat(SALESFORCE.records().get("Task", "vm-call-session")).doesNotContainKey("TCCC_Call_Task_Id__c");
        await().atMost(Duration.ofSeconds(5)).until(() -> emls().size() == mailsBefore + 1);
        for (Path eml : emls()) {
            Files.delete(eml);
        }
    }

    private static List<Path> emls() throws Exception {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".eml")).toList();
        }
    }
}
