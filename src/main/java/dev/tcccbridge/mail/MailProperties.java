package dev.tcccbridge.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.mail.*}: where the bridge's mails go and how they look.
 *
 * @param mode          {@code smtp} or {@code file}; empty: smtp when {@code host} is set, else file
 * @param host          the SMTP server
 * @param port          its port
 * @param username      SMTP login (empty: no authentication)
 * @param password      SMTP password
 * @param starttls      require STARTTLS before authenticating
 * @param from          the sender address, optionally with a name: {@code TCCC <tccc@example.com>}
 * @param to            default recipients (callers not matched in the CRM, or owner notification off)
 * @param cc            copied on every mail
 * @param timeZone      the zone in which times are shown
 * @param outboxDir     where {@code file} mode writes its {@code .eml} files
 * @param timeout       SMTP connect, read and write timeout
 */
@Validated
@ConfigurationProperties("bridge.mail")
public record MailProperties(
        String mode,
        String host,
        @DefaultValue("25") int port,
        String username,
        String password,
        @DefaultValue("false") boolean starttls,
        @DefaultValue("tccc-bridge@localhost") String from,
        @DefaultValue List<String> to,
        @DefaultValue List<String> cc,
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue("./data/outbox") Path outboxDir,
        @DefaultValue("10s") Duration timeout) {

    public MailProperties {
        to = addresses("bridge.mail.to", to);
        cc = addresses("bridge.mail.cc", cc);
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("bridge.mail.from must be set: mails need a sender address");
        }
        address("bridge.mail.from", from);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("bridge.mail.port must be between 1 and 65535, not " + port);
        }
    }

    /** The resolved mode: an explicit {@code mode} wins, else smtp as soon as a host is set. */
    public MailMode resolvedMode() {
        return MailMode.resolve(mode, host);
    }

    public boolean hasHost() {
        return host != null && !host.isBlank();
    }

    private static List<String> addresses(String key, List<String> values) {
        List<String> cleaned = values == null ? List.of() : values.stream()
                .filter(Objects::nonNull).map(String::trim).filter(v -> !v.isEmpty()).toList();
        cleaned.forEach(value -> address(key, value));
        return cleaned;
    }

    private static void address(String key, String value) {
        try {
            new InternetAddress(value, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not an e-mail address (" + e.getMessage() + ")");
        }
    }
}
