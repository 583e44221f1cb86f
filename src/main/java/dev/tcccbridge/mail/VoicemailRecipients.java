package dev.tcccbridge.mail;

import dev.tcccbridge.crm.CrmCustomer;
import java.util.List;
import java.util.Optional;

/**
 * Who is told about a voicemail: the owner of the caller's Contact or Lead when owner
 * notification is on and the owner's address is known, else the configured mailbox.
 *
 * @param to     the recipients
 * @param cc     copied
 * @param reason why these recipients, for the log
 */
public record VoicemailRecipients(List<String> to, List<String> cc, String reason) {

    public static VoicemailRecipients choose(Optional<CrmCustomer> customer, boolean notifyOwner,
                                             List<String> defaultTo, List<String> cc) {
        if (notifyOwner && customer.isPresent()) {
            String owner = customer.get().ownerEmail();
            if (owner != null && !owner.isBlank()) {
                return new VoicemailRecipients(List.of(owner.trim()), cc,
                        "owner of " + customer.get().objectType() + " " + customer.get().id());
            }
        }
        if (defaultTo.isEmpty()) {
            throw new IllegalArgumentException(customer.isPresent()
                    ? "no recipient for the voicemail: the caller's CRM owner has no e-mail address"
                    + (notifyOwner ? "" : " (and bridge.voicemail.notify-owner is off)")
                    + " and bridge.mail.to is empty"
                    : "no recipient for the voicemail: the caller is not in the CRM and bridge.mail.to is empty");
        }
        return new VoicemailRecipients(defaultTo, cc,
                customer.isPresent() ? "bridge.mail.to (owner notification off or owner without e-mail)"
                        : "bridge.mail.to (caller not in the CRM)");
    }
}
