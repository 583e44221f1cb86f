package dev.tcccbridge.mail;

import dev.tcccbridge.crm.CrmCustomer;
import dev.tcccbridge.crm.CrmProperties;
import dev.tcccbridge.crm.CustomerLookup;
import dev.tcccbridge.crm.PhoneNumbers;
import dev.tcccbridge.tccc.Timestamps;
import dev.tcccbridge.tccc.Voicemail;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides what a voicemail's mail says and to whom: the caller's number in readable form, the
 * time in {@code bridge.mail.time-zone}, the CRM match, the recipients, subject and Message-ID.
 */
@Component
public class VoicemailMails {

    private static final Logger LOG = LoggerFactory.getLogger(VoicemailMails.class);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final int MAX_SUBJECT = 200;

    private final MailProperties mail;
    private final VoicemailProperties voicemail;
    private final CustomerLookup customers;
    private final PhoneNumbers phones;

    public VoicemailMails(MailProperties mail, VoicemailProperties voicemail, CustomerLookup customers,
                          CrmProperties crm) {
        this.mail = mail;
        this.voicemail = voicemail;
        this.customers = customers;
        this.phones = new PhoneNumbers(crm.phoneRegion());
    }

    public VoicemailMail prepare(Voicemail push) {
        if (push == null || push.sessionId() == null || push.sessionId().isBlank()) {
            throw new IllegalArgumentException("a voicemail without SessionId cannot be mailed");
        }
        CallerNumber caller = CallerNumber.of(push.endpointUser(), phones);
        Optional<CrmCustomer> customer = customer(push.endpointUser());
        VoicemailRecipients recipients =
                VoicemailRecipients.choose(customer, voicemail.notifyOwner(), mail.to(), mail.cc());
        Optional<Instant> received = Timestamps.instant(push.timestamp());
        String receivedAt = received.map(at -> MINUTES.format(at.atZone(mail.timeZone()))).orElse("");
        LOG.info("Voicemail {} from {}: mail to {} ({})", push.sessionId(), caller.e164(), recipients.to(),
                recipients.reason());
        return new VoicemailMail(
                push.sessionId(),
                MessageIds.voicemail(push.sessionId()),
                subject(caller, receivedAt),
                mail.from(),
                recipients,
                caller,
                receivedAt,
                mail.timeZone().getId(),
                received.orElse(null),
                customer.orElse(null),
                webLink(push.recordUrl()),
                RecordingAudio.notRequested());
    }

    private Optional<CrmCustomer> customer(String number) {
        if (number == null || number.isBlank()) {
            return Optional.empty();
        }
        return customers.byPhone(number.trim());
    }

    static String subject(CallerNumber caller, String receivedAt) {
        String subject = "Voicemail from " + caller.international() + (receivedAt.isEmpty() ? "" : " at " + receivedAt);
        // one line, whatever the push contained
        subject = subject.replaceAll("\\p{Cntrl}+", " ");
        return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 1) + "…";
    }

    /** The link when it is one a mail client may open (http or https), else null. */
    static String webLink(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            return scheme != null && uri.getHost() != null
                    && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) ? uri.toString() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
