package dev.tcccbridge.desk;

import java.util.Map;

/**
 * The CRM record of a Desk user, as the field paths the bridge selected and their values as
 * text (fields empty in the CRM are absent).
 *
 * @param id     the record id
 * @param fields field path (as configured, e.g. {@code Owner.Email}) to value
 */
public record DeskCustomer(String id, Map<String, String> fields) {

    public DeskCustomer {
        fields = Map.copyOf(fields);
    }

    /** The value of a field path; null when the CRM has none. */
    public String field(String path) {
        return fields.get(path);
    }
}
