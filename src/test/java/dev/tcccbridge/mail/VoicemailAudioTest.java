package dev.tcccbridge.mail;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tcccbridge.mail.VoicemailMailTest.part;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tcccbridge.testing.TestDatabases;
import dev.tcccbridge.tccc.Voicemail;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * bridge.voicemail.attach-audio: small recordings are attached; anything else is linked, and the
 * mail says why. The recordings are served on loopback, which the download policy refuses unless
 * an operator allows it: these tests allow it explicitly.
 */
@CamelSpringBootTest
@SpringBootTest
class VoicemailAudioTest {

    static final Path OUTBOX = VoicemailOutboxTest.tempDir();
    static final WireMockServer RECORDINGS = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final int LIMIT = 64 * 1024;
    static final byte[] SMALL_AUDIO = audio(20 * 1024);

    static {
        RECORDINGS.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        registry.add("bridge.mail.mode", () -> "file");
        registry.add("bridge.mail.outbox-dir", OUTBOX::toString);
        registry.add("bridge.mail.to", () -> "team@support.example");
        registry.add("bridge.voicemail.attach-audio", () -> "true");
        registry.add("bridge.voicemail.max-attachment-bytes", () -> LIMIT + "B");
        registry.add("bridge.voicemail.download-timeout", () -> "1s");
        registry.add("bridge.download.allowed-hosts", () -> "localhost");
        registry.add("bridge.download.allowed-addresses", () -> "127.0.0.0/8,::1");
    }

    @AfterAll
    static void stop() {
        RECORDINGS.stop();
    }

    @Autowired
    ProducerTemplate producer;

    @BeforeEach
    void reset() throws IOException {
        FileSystemUtils.deleteRecursively(OUTBOX);
        RECORDINGS.resetAll();
    }

    @Test
    void smallRecordingIsAttachedBesideTheTextAndHtml() throws Exception {
        serve("/rec/vm-small.mp3", aResponse().withHeader("Content-Type", "audio/mpeg").withBody(SMALL_AUDIO));

        MimeMessage mail = deliver("vm-small", "/rec/vm-small.mp3");

        assertThat(mail.getContentType()).startsWith("multipart/mixed");
        BodyPart attachment = attachment(mail);
        assertThat(attachment.getFileName()).isEqualTo("vm-small.mp3");
        assertThat(attachment.getContentType()).startsWith("audio/mpeg");
        try (InputStream in = attachment.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(SMALL_AUDIO);
        }
        assertThat(part(mail, "text/plain")).contains("The recording is attached: vm-small.mp3",
                RECORDINGS.baseUrl() + "/rec/vm-small.mp3");
        assertThat(part(mail, "text/html")).contains("also attached: vm-small.mp3");
    }

    @Test
    void recordingOverTheLimitIsLinkedAndTheMailSaysWhy() throws Exception {
        serve("/rec/vm-big.mp3", aResponse().withHeader("Content-Type", "audio/mpeg").withBody(audio(LIMIT + 1)));

        MimeMessage mail = deliver("vm-big", "/rec/vm-big.mp3");

        assertThat(attachment(mail)).isNull();
        assertThat(part(mail, "text/plain")).contains("larger than the attachment limit (64 KB)",
                RECORDINGS.baseUrl() + "/rec/vm-big.mp3");
        assertThat(part(mail, "text/html")).contains("larger than the attachment limit");
    }

    @Test
    void recordingServerSlowerThanTheTimeoutLeavesTheLinkOnly() throws Exception {
        serve("/rec/vm-slow.mp3", aResponse().withHeader("Content-Type", "audio/mpeg").withBody(SMALL_AUDIO)
                .withFixedDelay(6000));

        long start = System.nanoTime();
        MimeMessage mail = deliver("vm-slow", "/rec/vm-slow.mp3");

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000); // gave up after about 1 s, long before the server answered
        assertThat(attachment(mail)).isNull();
        assertThat(part(mail, "text/plain")).contains("could not be attached", RECORDINGS.baseUrl() + "/rec/vm-slow.mp3");
    }

    @Test
    void anErrorPageInsteadOfAudioIsNotAttached() throws Exception {
        serve("/rec/vm-page.mp3", aResponse().withHeader("Content-Type", "text/html").withBody("<html>expired</html>"));

        MimeMessage mail = deliver("vm-page", "/rec/vm-page.mp3");

        assertThat(attachment(mail)).isNull();
        assertThat(part(mail, "text/plain")).contains("could not be attached (the recording server sent text/html, not audio)");
    }

    @Test
    void missingRecordingIsLinkedAndTheMailStillGoesOut() throws Exception {
        serve("/rec/vm-gone.mp3", aResponse().withStatus(404));

        MimeMessage mail = deliver("vm-gone", "/rec/vm-gone.mp3");

        assertThat(attachment(mail)).isNull();
        assertThat(part(mail, "text/plain")).contains("HTTP 404");
    }

    @Test
    void linkToAnInternalServiceIsNotFetchedAndTheMailStillGoesOutWithTheLink() throws Exception {
        String internal = "http://169.254.169.254/latest/meta-data/";

        MimeMessage mail = deliverLink("vm-ssrf", internal);

        assertThat(attachment(mail)).isNull();
        assertThat(part(mail, "text/plain")).contains("could not be attached (the link is refused: host 169.254.169.254 "
                + "is not in bridge.download.allowed-hosts)", internal);
    }

    @Test
    void redirectToAnInternalServiceIsNotFollowed() throws Exception {
        serve("/rec/vm-moved.mp3", aResponse().withStatus(302).withHeader("Location", "http://10.0.0.5/secrets"));

        MimeMessage mail = deliver("vm-moved", "/rec/vm-moved.mp3");

        assertThat(attachment(mail)).isNull();
        assertThat(part(mail, "text/plain")).contains("the link is refused: host 10.0.0.5 is not in");
    }

    private MimeMessage deliver(String sessionId, String path) throws Exception {
        return deliverLink(sessionId, RECORDINGS.baseUrl() + path);
    }

    private MimeMessage deliverLink(String sessionId, String link) throws Exception {
        producer.sendBody("direct:deliver-voicemail",
                new Voicemail(1400264214L, sessionId, 1677140040L, link, "13123456789"));
        List<Path> files;
        try (Stream<Path> list = Files.list(OUTBOX)) {
            files = list.toList();
        }
        assertThat(files).hasSize(1);
        return VoicemailOutboxTest.parse(files.get(0));
    }

    private static void serve(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        RECORDINGS.stubFor(get(urlPathEqualTo(path)).willReturn(response));
    }

    /** The first attachment part, or null. */
    private static BodyPart attachment(MimeMessage mail) throws Exception {
        if (!(mail.getContent() instanceof MimeMultipart multipart)) {
            return null;
        }
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return part;
            }
        }
        return null;
    }

    private static byte[] audio(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 0x55);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFB;
        return bytes;
    }
}
