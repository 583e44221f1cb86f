package dev.tcccbridge.desk;

import dev.tcccbridge.crm.PhoneNumbers;
import dev.tcccbridge.crm.SalesforceQueries;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The SOQL that finds the customer record of a Desk user: one query selects every field the
 * answers need (agents, group, variables), so one cached record answers both commands.
 * Object and field names come from validated configuration; the user id is a quoted literal.
 */
public final class DeskCustomerQuery {

    private final List<String> fields;
    private final String prefix;
    private final String suffix;
    private final DeskProperties.Customer customer;
    private final List<String> matchFields;

    public DeskCustomerQuery(DeskProperties properties) {
        Set<String> selected = new LinkedHashSet<>();
        selected.add("Id");
        selected.addAll(properties.assignment().agentFields());
        if (properties.assignment().groupField() != null) {
            selected.add(properties.assignment().groupField());
        }
        selected.addAll(properties.variables().values());
        this.fields = List.copyOf(selected);
        DeskProperties.Customer customer = properties.customer();
        this.customer = customer;
        Set<String> matched = new LinkedHashSet<>(fields);
        matched.add(customer.userIdField());
        this.matchFields = List.copyOf(matched);
        this.prefix = "SELECT " + String.join(", ", fields) + " FROM " + customer.object()
                + " WHERE " + customer.userIdField() + " = ";
        this.suffix = (customer.condition() == null ? "" : " AND (" + customer.condition() + ")")
                + " ORDER BY LastModifiedDate DESC LIMIT 1";
    }

    /** The field paths the query selects. */
    public List<String> fields() {
        return fields;
    }

    /** The field paths a search by phone or e-mail reads: {@link #fields} and the user id field. */
    public List<String> matchFields() {
        return matchFields;
    }

    /** The fields a match's value must be in: the phone fields, or the e-mail fields. */
    public List<String> matchedIn(DeskMatch match) {
        return match.phone() != null ? customer.phoneFields() : customer.emailFields();
    }

    /**
     * The SOSL search for a customer by what the bot collected: a number in its national and
     * international forms in the phone fields, or an address in the e-mail fields; the most
     * recently modified records first, each checked afterwards (the search matches words).
     */
    public String forMatch(DeskMatch match) {
        String text = match.phone() != null
                ? SalesforceQueries.phrase(PhoneNumbers.nationalNumber(match.phone())) + " OR "
                        + SalesforceQueries.phrase(PhoneNumbers.e164(match.phone()))
                : SalesforceQueries.phrase(match.email());
        Set<String> selected = new LinkedHashSet<>(matchFields);
        selected.addAll(matchedIn(match));
        return "FIND {" + text + "} IN " + (match.phone() != null ? "PHONE" : "EMAIL") + " FIELDS RETURNING "
                + customer.object() + "(" + String.join(", ", selected)
                + (customer.condition() == null ? "" : " WHERE (" + customer.condition() + ")")
                + " ORDER BY LastModifiedDate DESC LIMIT " + MATCH_LIMIT + ")";
    }

    /** Records a search by phone or e-mail reads: enough for a shared number, few enough to be quick. */
    static final int MATCH_LIMIT = 20;

    /** @throws IllegalArgumentException when the user id cannot be a SOQL literal ({@link SalesforceQueries#literal}) */
    public String forUser(String clientUserId) {
        return prefix + SalesforceQueries.literal(clientUserId) + suffix;
    }
}
