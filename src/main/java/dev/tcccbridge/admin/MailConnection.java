package dev.tcccbridge.admin;

import dev.tcccbridge.mail.MailMode;
import dev.tcccbridge.mail.MailProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * The mail connection as operators see it: in {@code smtp} mode whether the server takes a connection
 * (and the login, when one is set), in {@code file} mode whether the outbox folder can be written. A
 * check is remembered for {@value #REMEMBERED_SECONDS} s, so that health requests never hammer the
 * mail server.
 */
@Component
public class MailConnection {

    /** A check: whether the connection works, and what was found. */
    public record Check(boolean up, String detail, Instant checkedAt) {
    }

    static final long REMEMBERED_SECONDS = 30;

    private final MailProperties mail;
    private final MailMode mode;
    private final Clock clock;
    private volatile Check last;

    public MailConnection(MailProperties mail, MailMode mode, Clock clock) {
        this.mail = mail;
        this.mode = mode;
        this.clock = clock;
    }

    public synchronized Check check() {
        Check remembered = last;
        Instant now = clock.instant();
        if (remembered != null && Duration.between(remembered.checkedAt(), now).toSeconds() < REMEMBERED_SECONDS) {
            return remembered;
        }
        last = mode == MailMode.SMTP ? smtp(now) : outbox(now);
        return last;
    }

    public Map<String, Object> describe() {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("mode", mode == MailMode.SMTP ? "smtp" : "file");
        if (mode == MailMode.SMTP) {
            described.put("host", mail.host());
            described.put("port", mail.port());
            described.put("starttls", mail.starttls());
            described.put("login", mail.username() != null && !mail.username().isBlank());
        } else {
            // as configured: the console need not learn the server's folders
            described.put("outboxDir", mail.outboxDir().toString());
        }
        Check check = check();
        described.put("up", check.up());
        described.put("detail", check.detail());
        described.put("checkedAt", check.checkedAt());
        return described;
    }

    private Check smtp(Instant now) {
        Properties properties = new Properties();
        String timeout = String.valueOf(mail.timeout().toMillis());
        properties.setProperty("mail.smtp.connectiontimeout", timeout);
        properties.setProperty("mail.smtp.timeout", timeout);
        properties.setProperty("mail.smtp.starttls.enable", String.valueOf(mail.starttls()));
        properties.setProperty("mail.smtp.starttls.required", String.valueOf(mail.starttls()));
        boolean login = mail.username() != null && !mail.username().isBlank();
        properties.setProperty("mail.smtp.auth", String.valueOf(login));
        try (Transport transport = Session.getInstance(properties).getTransport("smtp")) {
            transport.connect(mail.host(), mail.port(), login ? mail.username() : null, login ? mail.password() : null);
            return new Check(true, "connected to " + mail.host() + ":" + mail.port(), now);
        } catch (MessagingException e) {
            return new Check(false, mail.host() + ":" + mail.port() + ": " + e.getMessage(), now);
        }
    }

    private Check outbox(Instant now) {
        Path dir = mail.outboxDir().toAbsolutePath().normalize();
        boolean writable = Files.isDirectory(dir) ? Files.isWritable(dir)
                : dir.getParent() != null && Files.isWritable(nearestExisting(dir));
        return new Check(writable, writable ? "the outbox can be written" : mail.outboxDir() + " cannot be written", now);
    }

    private static Path nearestExisting(Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? dir : existing;
    }
}
