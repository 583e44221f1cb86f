package dev.tcccbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** What start-up refuses, and with which message. */
class MailSettingsTest {

    static MailProperties mail(String mode, String host, List<String> to) {
        return new MailProperties(mode, host, 25, null, null, false, "tccc-bridge@localhost", to, List.of(),
                ZoneId.of("UTC"), Path.of("data/outbox"), Duration.ofSeconds(10));
    }

    static VoicemailProperties voicemail(boolean notifyOwner) {
        return new VoicemailProperties(notifyOwner, false, DataSize.ofMegabytes(10), Duration.ofSeconds(10), false);
    }

    @Test
    void modeIsFileUntilAHostIsSet() {
        assertThat(mail(null, null, List.of()).resolvedMode()).isEqualTo(MailMode.FILE);
        assertThat(mail("", "smtp.example.com", List.of()).resolvedMode()).isEqualTo(MailMode.SMTP);
        assertThat(mail("file", "smtp.example.com", List.of()).resolvedMode()).isEqualTo(MailMode.FILE);
    }

    @Test
    void smtpModeWithoutHostIsRefusedAtStartUp() {
        MailProperties smtpWithoutHost = mail("smtp", " ", List.of("team@support.example"));

        assertThatThrownBy(() -> new MailSetup().mailMode(smtpWithoutHost, voicemail(true)))
                .hasMessageContaining("bridge.mail.mode is smtp but bridge.mail.host is empty");
    }

    @Test
    void noPossibleRecipientIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new MailSetup().mailMode(mail(null, null, List.of()), voicemail(false)))
                .hasMessageContaining("bridge.mail.to is empty");
        assertThat(new MailSetup().mailMode(mail(null, null, List.of()), voicemail(true))).isEqualTo(MailMode.FILE);
    }

    @Test
    void unknownModeIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> mail("sendmail", null, List.of()).resolvedMode())
                .hasMessageContaining("'smtp' or 'file'");
    }

    @Test
    void malformedAddressIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> mail(null, null, List.of("team at support")))
                .hasMessageContaining("bridge.mail.to: 'team at support' is not an e-mail address");
    }

}
