package dev.tcccbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.tcccbridge.testing.SalesforceMetadata.Access;
import dev.tcccbridge.testing.SalesforceMetadata.Use;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes {@link SalesforceStub} as strict as a real org about its schema, before any stub (a
 * test's own included) answers: a query, search or record that names an object or field the org
 * does not have ({@link SalesforceMetadata}: the shipped metadata, the standard fields the bridge
 * uses, and fields a test says the org has besides) is refused as Salesforce refuses it, with
 * {@code 400 INVALID_FIELD} ("No such column ..."), {@code INVALID_TYPE} for an unknown object, or
 * {@code 404 NOT_FOUND} for an upsert by a field that is no external id. Every field that passes
 * is remembered with the access it needs ({@link #uses}).
 */
final class SalesforceSchemaCheck implements StubRequestFilterV2 {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SalesforceMetadata shipped = SalesforceMetadata.shipped();
    private volatile SalesforceMetadata org = shipped;
    private final Set<Use> uses = new LinkedHashSet<>();

    @Override
    public String getName() {
        return "salesforce-schema";
    }

    /** The org has these fields besides the shipped ones ({@code Account.Tier__c}), until {@link #reset}. */
    void orgAlsoHas(String... objectFields) {
        org = org.with(objectFields);
    }

    synchronized void reset() {
        org = shipped;
        uses.clear();
    }

    /** Every field requests named since the last {@link #reset}, with the access they needed. */
    synchronized Set<Use> uses() {
        return new LinkedHashSet<>(uses);
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        String path = URI.create(request.getUrl()).getRawPath();
        int data = path.indexOf("/services/data/v");
        if (data < 0) {
            return RequestFilterAction.continueWith(request);
        }
        String[] parts = path.substring(data).split("/");
        // parts: "", services, data, vNN, resource, ...
        String resource = parts.length > 4 ? parts[4] : "";
        Optional<ResponseDefinition> refusal;
        try {
            refusal = switch (resource) {
                case "query" -> query(request);
                case "search" -> search(request);
                case "sobjects" -> write(request, parts, 5);
                case "composite" -> parts.length > 6 && "sobjects".equals(parts[5]) ? collection(request, parts[6])
                        : Optional.empty();
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            refusal = Optional.of(SalesforceRecords.answer(400, SalesforceRecords.error("MALFORMED_QUERY", e.getMessage())));
        }
        return refusal.map(RequestFilterAction::stopWith).orElseGet(() -> RequestFilterAction.continueWith(request));
    }

    private Optional<ResponseDefinition> query(Request request) {
        String soql = q(request);
        Map.Entry<String, List<String>> read = SalesforceMetadata.soqlFields(soql);
        return check(read.getKey(), read.getValue(), Access.READ);
    }

    private Optional<ResponseDefinition> search(Request request) {
        for (Map.Entry<String, List<String>> returned : SalesforceMetadata.soslFields(q(request)).entrySet()) {
            Optional<ResponseDefinition> refusal = check(returned.getKey(), returned.getValue(), Access.READ);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /** {@code sobjects/{object}} (create), {@code sobjects/{object}/{id}} (update), {@code sobjects/{object}/{field}/{value}} (upsert). */
    private Optional<ResponseDefinition> write(Request request, String[] parts, int at) {
        if (parts.length <= at) {
            return Optional.empty();
        }
        String object = parts[at];
        if (parts.length == at + 3) {
            Optional<ResponseDefinition> byField = externalId(object, parts[at + 1]);
            if (byField.isPresent()) {
                return byField;
            }
        }
        String method = request.getMethod().getName();
        if (!"POST".equals(method) && !"PATCH".equals(method)) {
            return unknownObject(object);
        }
        return check(object, fieldsOf(body(request)), Access.EDIT);
    }

    private Optional<ResponseDefinition> collection(Request request, String object) {
        JsonNode body = body(request);
        String[] path = URI.create(request.getUrl()).getRawPath().split("/");
        Optional<ResponseDefinition> byField = externalId(object, path[path.length - 1]);
        if (byField.isPresent()) {
            return byField;
        }
        List<String> fields = new ArrayList<>();
        body.path("records").forEach(record -> fields.addAll(fieldsOf(record)));
        return check(object, fields, Access.EDIT);
    }

    private Optional<ResponseDefinition> externalId(String object, String field) {
        Optional<ResponseDefinition> unknown = unknownObject(object);
        if (unknown.isPresent()) {
            return unknown;
        }
        if (!org.isExternalId(object, field)) {
            return Optional.of(SalesforceRecords.answer(404, SalesforceRecords.error("NOT_FOUND",
                    "Provided external ID field does not exist or is not accessible: " + field)));
        }
        remember(new Use(object, field, Access.EDIT));
        return Optional.empty();
    }

    private Optional<ResponseDefinition> check(String object, List<String> paths, Access access) {
        Optional<ResponseDefinition> unknown = unknownObject(object);
        if (unknown.isPresent()) {
            return unknown;
        }
        for (String path : paths) {
            Optional<String> refusal = org.refusal(object, path);
            if (refusal.isPresent()) {
                return Optional.of(SalesforceRecords.answer(400, SalesforceRecords.error("INVALID_FIELD",
                        access == Access.EDIT ? "No such column '" + path + "' on sobject of type " + object
                                : refusal.get())));
            }
            // a path read across a relationship reads the relationship's field too
            remember(org.resolve(object, path, path.contains(".") ? Access.READ : access));
            if (path.contains(".")) {
                remember(new Use(object, path.substring(0, path.indexOf('.')), Access.READ));
            }
        }
        return Optional.empty();
    }

    private Optional<ResponseDefinition> unknownObject(String object) {
        return org.hasObject(object) ? Optional.empty()
                : Optional.of(SalesforceRecords.answer(400, SalesforceRecords.error("INVALID_TYPE",
                        "sObject type '" + object + "' is not supported. If you are attempting to use a custom "
                                + "object, be sure to append the '__c' after the entity name.")));
    }

    private synchronized void remember(Use use) {
        if (!use.field().equalsIgnoreCase("Id") || use.access() == Access.READ) {
            uses.add(use);
        }
    }

    private static List<String> fieldsOf(JsonNode record) {
        List<String> fields = new ArrayList<>();
        for (Iterator<String> names = record.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!"attributes".equals(name)) {
                fields.add(name);
            }
        }
        return fields;
    }

    private static JsonNode body(Request request) {
        try {
            String text = request.getBodyAsString();
            return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static String q(Request request) {
        String raw = URI.create(request.getUrl()).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (pair.startsWith("q=")) {
                    return URLDecoder.decode(pair.substring(2), StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }
}
