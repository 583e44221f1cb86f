package dev.tcccbridge.mail;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * Builds the voicemail's MIME message: multipart/alternative (plain text, then HTML) from the
 * rendered templates, inside multipart/mixed with the audio when it is attached. Subject and
 * names are UTF-8 (RFC 2047 encoded); the Message-ID is the stable one of the voicemail.
 * The same message is sent over SMTP or written as an .eml file.
 */
@Component
public class VoicemailMessages {

    private static final String UTF_8 = "UTF-8";

    private final Session session = Session.getInstance(new Properties());
    private final Clock clock;

    public VoicemailMessages(Clock clock) {
        this.clock = clock;
    }

    public MimeMessage compose(@Body VoicemailMail mail, @Variable("html") String html, @Variable("text") String text)
            throws MessagingException {
        MimeMessage message = new StableIdMimeMessage(session, mail.messageId());
        message.setFrom(address(mail.from()));
        message.setRecipients(Message.RecipientType.TO, addresses(mail.recipients().to()));
        if (!mail.recipients().cc().isEmpty()) {
            message.setRecipients(Message.RecipientType.CC, addresses(mail.recipients().cc()));
        }
        message.setSubject(mail.subject(), UTF_8);
        message.setSentDate(Date.from(clock.instant()));
        // RFC 3834: tells mail servers and out-of-office robots not to answer
        message.setHeader("Auto-Submitted", "auto-generated");

        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart(text, "plain"));
        alternative.addBodyPart(textPart(html, "html"));
        if (mail.audio().attached()) {
            MimeBodyPart content = new MimeBodyPart();
            content.setContent(alternative);
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(content);
            mixed.addBodyPart(audioPart(mail.audio()));
            message.setContent(mixed);
        } else {
            message.setContent(alternative);
        }
        message.saveChanges();
        return message;
    }

    private static MimeBodyPart textPart(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content == null ? "" : content, UTF_8, subtype);
        return part;
    }

    private static MimeBodyPart audioPart(RecordingAudio audio) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        FileDataSource source = new FileDataSource(audio.file().toFile()) {
            @Override
            public String getContentType() {
                return audio.contentType();
            }
        };
        part.setDataHandler(new DataHandler(source));
        try {
            part.setFileName(MimeUtility.encodeText(audio.fileName(), UTF_8, null));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        return part;
    }

    private static InternetAddress address(String address) throws MessagingException {
        InternetAddress parsed = new InternetAddress(address, true);
        if (parsed.getPersonal() != null) {
            try {
                parsed.setPersonal(parsed.getPersonal(), UTF_8);
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException("UTF-8 is always supported", e);
            }
        }
        return parsed;
    }

    private static InternetAddress[] addresses(List<String> addresses) throws MessagingException {
        InternetAddress[] parsed = new InternetAddress[addresses.size()];
        for (int i = 0; i < parsed.length; i++) {
            try {
                parsed[i] = address(addresses.get(i));
            } catch (MessagingException e) {
                throw new IllegalArgumentException("'" + addresses.get(i) + "' is not an e-mail address", e);
            }
        }
        return parsed;
    }
}
