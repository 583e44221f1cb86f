package dev.tcccbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void sameSessionGivesTheSameMessageIdAndAnotherSessionAnother() {
        String id = MessageIds.voicemail("e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55");

        assertThat(MessageIds.voicemail("e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55")).isEqualTo(id);
        assertThat(MessageIds.voicemail("e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e56")).isNotEqualTo(id);
    }

    @Test
    void messageIdIsAnAngleBracketedAddressWhateverTheSessionIdContains() throws Exception {
        String id = MessageIds.voicemail("<weird> session\r\nBcc: x@y");

        assertThat(id).matches("<voicemail\\.[0-9a-f]{32}@tccc-bridge>");
        new InternetAddress(id.substring(1, id.length() - 1), true);
    }

    @Test
    void outboxFileIsNamedAfterTheMessageId() {
        assertThat(MailOutbox.fileName("<voicemail.0123abcd@tccc-bridge>")).isEqualTo("voicemail.0123abcd.eml");
        assertThat(MailOutbox.fileName("<../../etc/passwd@x>")).isEqualTo(".._.._etc_passwd.eml");
    }
}
