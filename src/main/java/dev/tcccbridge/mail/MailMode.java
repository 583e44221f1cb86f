package dev.tcccbridge.mail;

import java.util.Locale;

/** Whether mails are sent over SMTP or written as {@code .eml} files (what would be sent). */
public enum MailMode {
    SMTP,
    FILE;

    /** {@code mode} when set; otherwise SMTP as soon as a host is configured, else file. */
    public static MailMode resolve(String mode, String host) {
        if (mode == null || mode.isBlank()) {
            return host == null || host.isBlank() ? FILE : SMTP;
        }
        return switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "smtp" -> SMTP;
            case "file" -> FILE;
            default -> throw new IllegalArgumentException("bridge.mail.mode must be 'smtp' or 'file', not '" + mode + "'");
        };
    }
}
