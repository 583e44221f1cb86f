package dev.tcccbridge.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code bridge.mail.mode=file}: writes the message a mail server would have received as an
 * {@code .eml} file under {@code bridge.mail.outbox-dir}, named after its Message-ID, so that the
 * same mail written again replaces its file instead of adding one.
 */
@Component
public class MailOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(MailOutbox.class);

    private final Path directory;

    public MailOutbox(MailProperties properties) {
        this.directory = properties.outboxDir();
    }

    public Path write(MimeMessage message) throws IOException, MessagingException {
        Files.createDirectories(directory);
        Path target = directory.resolve(fileName(message.getMessageID()));
        Path partial = Files.createTempFile(directory, ".writing-", ".eml");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                message.writeTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        LOG.info("Mail {} written to {} (bridge.mail.mode=file)", message.getMessageID(), target.toAbsolutePath());
        return target;
    }

    /** {@code <voicemail.abc@tccc-bridge>} becomes {@code voicemail.abc.eml}. */
    static String fileName(String messageId) {
        String local = messageId == null ? "" : messageId.replaceAll("^<|>$", "");
        int at = local.indexOf('@');
        local = (at > 0 ? local.substring(0, at) : local).replaceAll("[^A-Za-z0-9._-]", "_");
        return (local.isEmpty() ? "mail" : local) + ".eml";
    }
}
