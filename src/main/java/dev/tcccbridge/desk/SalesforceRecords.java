package dev.tcccbridge.desk;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the first record of a Salesforce REST query answer as a {@link DeskCustomer}. */
final class SalesforceRecords {

    private SalesforceRecords() {
    }

    /**
     * @param queryResult {@code {"totalSize":..,"done":..,"records":[{...}]}}
     * @param fieldPaths  the paths to read, e.g. {@code Name}, {@code Owner.Email}
     */
    static Optional<DeskCustomer> first(JsonNode queryResult, List<String> fieldPaths) {
        JsonNode records = queryResult == null ? null : queryResult.get("records");
        if (records == null || !records.isArray()) {
            throw new IllegalArgumentException("not a Salesforce query result: no records array");
        }
        if (records.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(customer(records.get(0), fieldPaths));
    }

    /** One record of a query or search answer as a {@link DeskCustomer}. */
    static DeskCustomer customer(JsonNode record, List<String> fieldPaths) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String path : fieldPaths) {
            String value = text(at(record, path));
            if (value != null) {
                fields.put(path, value);
            }
        }
        return new DeskCustomer(text(at(record, "Id")), fields);
    }

    /** The node at a dotted path; Salesforce answers its own spelling of names, so case is ignored. */
    static JsonNode at(JsonNode record, String path) {
        JsonNode node = record;
        for (String name : path.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = child(node, name);
        }
        return node;
    }

    private static JsonNode child(JsonNode node, String name) {
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }

    /** A value as text: numbers without a needless {@code .0}, objects and arrays as JSON. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            BigDecimal number = node.decimalValue();
            return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        return node.toString();
    }
}
