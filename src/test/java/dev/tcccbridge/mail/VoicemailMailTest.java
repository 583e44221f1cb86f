package dev.tcccbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tcccbridge.crm.CrmCustomer;
import dev.tcccbridge.crm.CustomerLookup;
import dev.tcccbridge.testing.TestDatabases;
import dev.tcccbridge.tccc.Voicemail;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** direct:deliver-voicemail against a real SMTP server (GreenMail), as the delivery calls it. */
@CamelSpringBootTest
@SpringBootTest
class VoicemailMailTest {

    static final int SMTP_PORT = freePort();
    static GreenMail smtp = startSmtp();

    static final String CONTACT_NUMBER = "008618486147605";
    static final CrmCustomer CONTACT = new CrmCustomer("003000000000001AAA", "Contact", "张伟 (Zhang Wei)",
            "005000000000009AAA", "owner@sales.example", "https://example.my.salesforce.com/003000000000001AAA");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        registry.add("bridge.mail.mode", () -> "smtp");
        registry.add("bridge.mail.host", () -> "127.0.0.1");
        registry.add("bridge.mail.port", () -> SMTP_PORT);
        registry.add("bridge.mail.timeout", () -> "3s");
        registry.add("bridge.mail.from", () -> "TCCC 语音信箱 <voicemail@bridge.example>");
        registry.add("bridge.mail.to", () -> "team@support.example");
        registry.add("bridge.mail.cc", () -> "archive@support.example");
        registry.add("bridge.mail.time-zone", () -> "Asia/Shanghai");
        registry.add("bridge.voicemail.create-callback-task", () -> "true");
    }

    @TestConfiguration
    static class Crm {
        /** The CRM knows one number: a Contact owned by owner@sales.example. */
        @Bean
        @Primary
        CustomerLookup customerLookup() {
            return number -> CONTACT_NUMBER.equals(number) ? Optional.of(CONTACT) : Optional.empty();
        }
    }

    @Autowired
    ProducerTemplate producer;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        if (!smtp.isRunning()) {
            smtp = startSmtp();
        }
        smtp.purgeEmailFromAllMailboxes();
        jdbc.update("DELETE FROM crm_dry_run_request");
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @Test
    void vendorSampleIsMailedToTheTeamMailboxWithSubjectTextHtmlAndRecordingLink() throws Exception {
        Voicemail sample = objectMapper.readValue(Path.of("examples/voicemail.json").toFile(), Voicemail.class);

        deliver(sample, Map.of());

        MimeMessage mail = onlyMailTo("team@support.example");
        assertThat(mail.getSubject()).isEqualTo("Voicemail from +86 131 2345 6789 at 2020-12-16 22:57");
        assertThat(addresses(mail.getRecipients(Message.RecipientType.TO))).containsExactly("team@support.example");
        assertThat(addresses(mail.getRecipients(Message.RecipientType.CC))).containsExactly("archive@support.example");
        assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("TCCC 语音信箱");
        assertThat(mail.getHeader("From")[0]).startsWith("=?UTF-8?");
        assertThat(mail.getMessageID()).isEqualTo(MessageIds.voicemail("e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55"));

        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        assertThat(text).contains("+86 131 2345 6789", "131 2345 6789", "2020-12-16 22:57 (Asia/Shanghai)",
                "e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55",
                "Recording: http://recorder-10018504.cos.ap-shanghai.myqcloud.com/def/month12",
                "no Contact or Lead has this number");
        assertThat(html).contains("<a href=\"http://recorder-10018504.cos.ap-shanghai.myqcloud.com/def/month12\">",
                "+86 131 2345 6789", "e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55");
        // the archive got the same mail as a copy, and nobody else got anything
        assertThat(mailbox("archive@support.example")).hasSize(1);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    @Test
    void callerMatchingACrmContactIsMailedToTheContactOwnerAndTheMailNamesTheContact() throws Exception {
        deliver(voicemail("vm-contact-1", CONTACT_NUMBER), Map.of());

        MimeMessage mail = onlyMailTo("owner@sales.example");
        assertThat(mail.getSubject()).isEqualTo("Voicemail from +86 184 8614 7605 at 2023-02-23 16:14");
        assertThat(addresses(mail.getRecipients(Message.RecipientType.TO))).containsExactly("owner@sales.example");
        assertThat(mailbox("owner@sales.example")).hasSize(1);
        assertThat(mailbox("team@support.example")).isEmpty();
        String html = part(mail, "text/html");
        assertThat(html).contains("张伟 (Zhang Wei)", "<a href=\"https://example.my.salesforce.com/003000000000001AAA\">");
        assertThat(part(mail, "text/plain")).contains("Contact 张伟 (Zhang Wei)", "184 8614 7605");
    }

    @Test
    void callbackTaskIsUpsertedForTheOwnerUnderAKeyOfItsOwnThatARetryReuses() throws Exception {
        deliver(voicemail("vm-task-1", CONTACT_NUMBER), Map.of());
        deliver(voicemail("vm-task-1", CONTACT_NUMBER), Map.of("TcccAttempt", 2));

        // the CRM is in dry-run here: the exact upserts that would be sent are recorded
        List<Map<String, Object>> upserts = jdbc.queryForList("SELECT method, path, body FROM crm_dry_run_request");
        assertThat(upserts).hasSize(2);
        for (Map<String, Object> upsert : upserts) {
            assertThat(upsert.get("method")).isEqualTo("PATCH");
            assertThat((String) upsert.get("path")).endsWith("/composite/sobjects/Task/TCCC_Session_Id__c");
            JsonNode records = objectMapper.readTree((String) upsert.get("body")).path("records");
            assertThat(records).hasSize(1);
            @SuppressWarnings("unchecked")
            Map<String, Object> task = objectMapper.convertValue(records.get(0), Map.class);
            assertThat(task).containsEntry("TCCC_Session_Id__c", "voicemail:vm-task-1")
                    .containsEntry("Subject", "Call back +86 184 8614 7605 (张伟 (Zhang Wei))")
                    .containsEntry("OwnerId", "005000000000009AAA")
                    .containsEntry("WhoId", "003000000000001AAA")
                    .containsEntry("ActivityDate", "2023-02-23")
                    .containsEntry("Status", "Not Started");
        }
    }

    @Test
    void headersArrivingWithThePushDoNotRedirectOrChangeTheMail() throws Exception {
        Map<String, Object> hostile = new HashMap<>();
        hostile.put("To", "attacker@evil.example");
        hostile.put("Bcc", "spy@evil.example");
        hostile.put("Cc", "spy2@evil.example");
        hostile.put("Subject", "Reset your password");
        hostile.put("From", "ceo@evil.example");
        hostile.put("Message-ID", "<forged@evil.example>");
        hostile.put("mail.smtp.host", "evil.example");

        Exchange answer = deliver(voicemail("vm-hostile-1", "13123456789"), hostile);

        assertThat(answer.getException()).isNull();
        MimeMessage mail = onlyMailTo("team@support.example");
        assertThat(mail.getSubject()).isEqualTo("Voicemail from +86 131 2345 6789 at 2023-02-23 16:14");
        assertThat(addresses(mail.getFrom())).containsExactly("voicemail@bridge.example");
        assertThat(mail.getMessageID()).isEqualTo(MessageIds.voicemail("vm-hostile-1"));
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(smtp.findReceivedMessages(user -> user.getEmail().endsWith("evil.example"), m -> true)).isEmpty();
        assertThat(mailbox("team@support.example")).hasSize(1);
        assertThat(smtp.getReceivedMessages()).hasSize(2); // team + archive
        // the delivery gets its own message back as it sent it
        assertThat(answer.getMessage().getHeader("TcccInboxId")).isEqualTo(42L);
        assertThat(answer.getMessage().getHeader("To")).isEqualTo("attacker@evil.example");
        assertThat(answer.getMessage().getBody()).isInstanceOf(Voicemail.class);
    }

    @Test
    void textFromThePushIsEscapedInHtmlAndUtf8ArrivesIntactInTheEncodedSubject() throws Exception {
        deliver(new Voicemail(1400264214L, "vm-utf8-<i>", 1677140040L,
                "javascript:alert(1)", "<b>王小明</b>"), Map.of());

        MimeMessage mail = onlyMailTo("team@support.example");
        assertThat(mail.getSubject()).isEqualTo("Voicemail from <b>王小明</b> at 2023-02-23 16:14");
        assertThat(mail.getHeader("Subject")[0]).startsWith("=?UTF-8?");
        String html = part(mail, "text/html");
        assertThat(html).contains("&lt;b&gt;王小明&lt;/b&gt;", "vm-utf8-&lt;i&gt;", "TCCC sent no link")
                .doesNotContain("<b>王小明</b>", "<i>", "javascript:");
        assertThat(part(mail, "text/plain")).contains("<b>王小明</b>");
    }

    @Test
    void smtpRefusingConnectionsFailsTheAttemptAndTheRetryAfterRecoverySendsExactlyOneMail() throws Exception {
        Voicemail voicemail = voicemail("vm-outage-1", "13123456789");
        smtp.stop();

        assertThatThrownBy(() -> deliver(voicemail, Map.of("TcccAttempt", 1)))
                .hasCauseInstanceOf(MessagingException.class)
                .hasRootCauseInstanceOf(ConnectException.class);

        smtp = startSmtp();
        deliver(voicemail, Map.of("TcccAttempt", 2));

        MimeMessage mail = onlyMailTo("team@support.example");
        assertThat(mail.getMessageID()).isEqualTo(MessageIds.voicemail("vm-outage-1"));
        assertThat(mailbox("team@support.example")).hasSize(1);
    }

    // --- helpers

    static Voicemail voicemail(String sessionId, String caller) {
        // 2023-02-23 16:14 in Asia/Shanghai
        return new Voicemail(1400264214L, sessionId, 1677140040L,
                "https://recorder.example.com/voicemail/" + sessionId + ".mp3", caller);
    }

    /** Sends like the delivery does; an exception in the route is thrown here. */
    Exchange deliver(Voicemail voicemail, Map<String, Object> extraHeaders) {
        Map<String, Object> headers = new HashMap<>(extraHeaders);
        headers.put("TcccInboxId", 42L);
        headers.put("TcccPushId", "push-" + voicemail.sessionId());
        headers.put("TcccSessionId", voicemail.sessionId());
        headers.putIfAbsent("TcccAttempt", 1);
        Exchange exchange = producer.send("direct:deliver-voicemail", e -> {
            e.getMessage().setBody(voicemail);
            e.getMessage().setHeaders(headers);
        });
        if (exchange.getException() != null) {
            throw new CamelExecutionException("delivery failed", exchange, exchange.getException());
        }
        return exchange;
    }

    /** The one mail in this mailbox (waiting for it to arrive). */
    static MimeMessage onlyMailTo(String mailbox) throws Exception {
        smtp.waitForIncomingEmail(5000, 1);
        List<MimeMessage> mails = Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return addresses(m.getAllRecipients()).contains(mailbox);
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
        assertThat(mails).as("mails addressed to " + mailbox).isNotEmpty();
        // one copy is delivered per recipient mailbox; they are one mail
        assertThat(mails.stream().map(m -> {
            try {
                return m.getMessageID();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).distinct()).hasSize(1);
        return mails.get(0);
    }

    /** What arrived in this mailbox (one copy of a mail per recipient mailbox). */
    static List<MimeMessage> mailbox(String address) {
        return smtp.findReceivedMessages(user -> user.getEmail().equals(address), m -> true).toList();
    }

    static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of()
                : Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }

    /** The decoded text of the first part with this content type, however deep. */
    static String part(jakarta.mail.Part mail, String type) throws MessagingException, IOException {
        if (mail.isMimeType(type)) {
            return (String) mail.getContent();
        }
        if (mail.getContent() instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
