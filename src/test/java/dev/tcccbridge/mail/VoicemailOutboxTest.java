package dev.tcccbridge.mail;

import static dev.tcccbridge.mail.VoicemailMailTest.addresses;
import static dev.tcccbridge.mail.VoicemailMailTest.part;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.testing.TestDatabases;
import dev.tcccbridge.tccc.Voicemail;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/** The default mode: the mail is written as an .eml file that a mail client opens. */
@CamelSpringBootTest
@SpringBootTest
class VoicemailOutboxTest {

    static final Path OUTBOX = tempDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        registry.add("bridge.mail.mode", () -> "file");
        registry.add("bridge.mail.outbox-dir", OUTBOX::toString);
        registry.add("bridge.mail.to", () -> "team@support.example,lead@support.example");
        registry.add("bridge.mail.time-zone", () -> "Asia/Shanghai");
    }

    @Autowired
    ProducerTemplate producer;

    @Autowired
    ObjectMapper objectMapper;

    @BeforeEach
    void emptyOutbox() throws IOException {
        FileSystemUtils.deleteRecursively(OUTBOX);
    }

    @Test
    void vendorSampleIsWrittenAsAnEmlFileThatParsesBackIntoTheMail() throws Exception {
        Voicemail sample = objectMapper.readValue(Path.of("examples/voicemail.json").toFile(), Voicemail.class);

        producer.sendBodyAndHeaders("direct:deliver-voicemail", sample, Map.of("TcccInboxId", 7L));

        List<Path> files = emlFiles();
        assertThat(files).hasSize(1);
        MimeMessage mail = parse(files.get(0));
        assertThat(mail.getSubject()).isEqualTo("Voicemail from +86 131 2345 6789 at 2020-12-16 22:57");
        assertThat(addresses(mail.getRecipients(Message.RecipientType.TO)))
                .containsExactly("team@support.example", "lead@support.example");
        assertThat(addresses(mail.getFrom())).containsExactly("tccc-bridge@localhost");
        assertThat(mail.getMessageID()).isEqualTo(MessageIds.voicemail(sample.sessionId()));
        assertThat(mail.getSentDate()).isNotNull();
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        assertThat(part(mail, "text/plain")).contains("+86 131 2345 6789", sample.sessionId(), sample.recordUrl());
        assertThat(part(mail, "text/html")).contains("<a href=\"" + sample.recordUrl() + "\">");
    }

    @Test
    void theSameVoicemailDeliveredAgainReplacesItsFileInsteadOfAddingOne() throws Exception {
        Voicemail voicemail = VoicemailMailTest.voicemail("vm-file-again", "13123456789");

        producer.sendBody("direct:deliver-voicemail", voicemail);
        producer.sendBody("direct:deliver-voicemail", voicemail);

        assertThat(emlFiles()).hasSize(1);
    }

    static List<Path> emlFiles() throws IOException {
        if (!Files.isDirectory(OUTBOX)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(OUTBOX)) {
            return files.toList();
        }
    }

    static MimeMessage parse(Path eml) throws Exception {
        try (InputStream in = Files.newInputStream(eml)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("outbox-test").resolve("outbox");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
