package dev.tcccbridge.desk;

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
        this.prefix = "SELECT " + String.join(", ", fields) + " FROM " + customer.object()
                + " WHERE " + customer.userIdField() + " = ";
        this.suffix = (customer.condition() == null ? "" : " AND (" + customer.condition() + ")")
                + " ORDER BY LastModifiedDate DESC LIMIT 1";
    }

    /** The field paths the query selects. */
    public List<String> fields() {
        return fields;
    }

    /** @throws IllegalArgumentException when the user id cannot be a SOQL literal ({@link SalesforceQueries#literal}) */
    public String forUser(String clientUserId) {
        return prefix + SalesforceQueries.literal(clientUserId) + suffix;
    }
}
