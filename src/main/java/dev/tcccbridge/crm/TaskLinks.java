package dev.tcccbridge.crm;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records a call's activity is linked to: {@code WhoId} (a Contact or Lead) and {@code WhatId}
 * (an Account, Case, Opportunity, ...).
 *
 * <p>A call the agent placed from a record (click-to-dial on the agent page) carries that record's id
 * in the CDR's {@code Uui}, which decides: a Contact or Lead id ({@code 003}, {@code 00Q}) is the WhoId,
 * any other relatable record the WhatId, beside the customer found by phone. A Uui that is not a
 * Salesforce record id (15 or 18 letters and digits, the 18-character form with a valid checksum), or
 * names something a Task cannot relate to (a User, a Task, ...), is logged and ignored: it never breaks
 * delivery. Salesforce refuses a Lead as WhoId beside a WhatId, so the record dialled from wins over a
 * Lead found by phone.
 *
 * @param whoId  the Contact or Lead, or null
 * @param whatId the other record, or null
 */
public record TaskLinks(String whoId, String whatId) {

    private static final Logger LOG = LoggerFactory.getLogger(TaskLinks.class);

    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9]{15}|[a-zA-Z0-9]{18}");
    private static final String CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final Set<String> WHO_PREFIXES = Set.of("003", "00Q");
    /** Key prefixes of records a Task cannot be related to: users, groups, the org, activities, files... */
    private static final Set<String> UNRELATABLE_PREFIXES = Set.of("000", "005", "00G", "00D", "00E", "00e", "0PS",
            "00T", "00U", "068", "069", "015");

    /** The links of a call: its Uui first, then the customer found by phone. */
    public static TaskLinks of(String sessionId, String uui, Optional<CrmCustomer> byPhone) {
        String phoneMatch = byPhone.map(CrmCustomer::id).orElse(null);
        String dialledFrom = uui == null ? null : uui.strip();
        if (dialledFrom == null || dialledFrom.isEmpty()) {
            return new TaskLinks(phoneMatch, null);
        }
        if (!isRecordId(dialledFrom)) {
            LOG.info("session {}: Uui '{}' is not a Salesforce record id; the activity is not linked by it",
                    sessionId, printable(dialledFrom));
            return new TaskLinks(phoneMatch, null);
        }
        String prefix = dialledFrom.substring(0, 3);
        if (WHO_PREFIXES.contains(prefix)) {
            return new TaskLinks(dialledFrom, null);
        }
        if (UNRELATABLE_PREFIXES.contains(prefix)) {
            LOG.info("session {}: Uui {} names a record a Task cannot be related to; the activity is not linked by it",
                    sessionId, dialledFrom);
            return new TaskLinks(phoneMatch, null);
        }
        boolean leadByPhone = byPhone.map(customer -> "Lead".equals(customer.objectType())
                || customer.id().startsWith("00Q")).orElse(false);
        if (leadByPhone) {
            LOG.info("session {}: linked to {} it was dialled from; the Lead {} with the number is left out"
                    + " (Salesforce relates a Lead to nothing else)", sessionId, dialledFrom, phoneMatch);
            return new TaskLinks(null, dialledFrom);
        }
        return new TaskLinks(phoneMatch, dialledFrom);
    }

    /** A 15-character id, or an 18-character one whose last three characters are its case checksum. */
    static boolean isRecordId(String text) {
        if (!ID.matcher(text).matches()) {
            return false;
        }
        if (text.length() == 15) {
            return true;
        }
        StringBuilder checksum = new StringBuilder(3);
        for (int block = 0; block < 3; block++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = text.charAt(block * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            checksum.append(CHECKSUM_ALPHABET.charAt(bits));
        }
        return checksum.toString().equalsIgnoreCase(text.substring(15));
    }

    /** A Uui as it may be logged: short, one line. */
    private static String printable(String uui) {
        String line = uui.replaceAll("\\p{Cntrl}", "?");
        return line.length() > 64 ? line.substring(0, 64) + "…" : line;
    }
}
