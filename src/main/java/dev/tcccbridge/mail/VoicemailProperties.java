package dev.tcccbridge.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.voicemail.*}: how a voicemail becomes a mail (and optionally a CRM Task).
 *
 * @param notifyOwner        mail the owner of the caller's Contact or Lead instead of {@code bridge.mail.to}
 * @param attachAudio        attach the recording to the mail (the link is always there)
 * @param maxAttachmentBytes larger recordings are linked, not attached
 * @param downloadTimeout    the time a recording's download may take in all: connect, redirects, body
 * @param createCallbackTask upsert a "Call back" Task in the CRM for each voicemail (on by default)
 */
@Validated
@ConfigurationProperties("bridge.voicemail")
public record VoicemailProperties(
        @DefaultValue("true") boolean notifyOwner,
        @DefaultValue("false") boolean attachAudio,
        @DefaultValue("10MB") DataSize maxAttachmentBytes,
        @DefaultValue("10s") Duration downloadTimeout,
        @DefaultValue("true") boolean createCallbackTask) {

    public VoicemailProperties {
        if (maxAttachmentBytes.toBytes() < 0) {
            throw new IllegalArgumentException("bridge.voicemail.max-attachment-bytes must not be negative");
        }
        if (downloadTimeout.isNegative() || downloadTimeout.isZero()) {
            throw new IllegalArgumentException("bridge.voicemail.download-timeout must be positive, not " + downloadTimeout);
        }
    }
}
