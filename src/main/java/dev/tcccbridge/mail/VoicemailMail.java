package dev.tcccbridge.mail;

import dev.tcccbridge.crm.CrmCustomer;
import java.time.Instant;

/**
 * Everything the voicemail mail says, and to whom: what the templates in
 * {@code routes/templates/voicemail.*.ftl} see as {@code body}.
 *
 * @param sessionId    the TCCC SessionId
 * @param messageId    the stable Message-ID (see {@link MessageIds})
 * @param subject      the subject line
 * @param from         the sender
 * @param recipients   to and cc
 * @param caller       the caller's number in its formats
 * @param receivedAt   when the voicemail was left, e.g. {@code 2023-02-23 16:14}; empty when unknown
 * @param timeZone     the zone of {@code receivedAt}
 * @param received     the same moment, for the CRM; null when unknown
 * @param customer     the caller's Contact or Lead; null when not found
 * @param recordingUrl the recording's http(s) link; null when TCCC sent none (or not a web link)
 * @param audio        whether the recording is attached, and if not, why
 */
public record VoicemailMail(
        String sessionId,
        String messageId,
        String subject,
        String from,
        VoicemailRecipients recipients,
        CallerNumber caller,
        String receivedAt,
        String timeZone,
        Instant received,
        CrmCustomer customer,
        String recordingUrl,
        RecordingAudio audio) {

    public VoicemailMail withAudio(RecordingAudio newAudio) {
        return new VoicemailMail(sessionId, messageId, subject, from, recipients, caller, receivedAt, timeZone,
                received, customer, recordingUrl, newAudio);
    }
}
