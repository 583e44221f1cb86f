package dev.tcccbridge.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The records behind {@link SalesforceStub}'s upsert endpoint
 * ({@code PATCH /services/data/vNN/sobjects/{object}/{externalIdField}/{value}}), kept like
 * Salesforce keeps them: an upsert creates the record (201) or updates it (200); the external
 * id field may not be in the body; create-only fields (TaskSubtype) are refused on update with
 * {@code INVALID_FIELD_FOR_INSERT_UPDATE}. Creates ({@code POST .../sobjects/{object}}, e.g. a
 * ContentVersion) are kept under their new Id. Outages and refusals can be switched on.
 */
public final class SalesforceRecords implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "salesforce-records";
    static final Set<String> CREATE_ONLY = Set.of("TaskSubtype");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** object → external id value → fields. */
    private final Map<String, Map<String, Map<String, Object>>> records = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private int unavailable;
    private String refusal;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** The next {@code upserts} upserts are answered 503, as during a Salesforce outage. */
    public synchronized void unavailableFor(int upserts) {
        unavailable = upserts;
    }

    /** Every upsert is refused with 400 and this error (a validation rule, say); null: none. */
    public synchronized void refuseWith(String errorCode, String message) {
        refusal = errorCode == null ? null : "[{\"errorCode\":\"" + errorCode + "\",\"message\":\"" + message
                + "\",\"fields\":[]}]";
    }

    /** A record created outside the bridge (by a CTI adapter, say). @return its id */
    public synchronized String put(String object, String externalIdField, String externalId, Map<String, Object> fields) {
        Map<String, Object> record = new LinkedHashMap<>(fields);
        record.put("Id", newId(object));
        record.put(externalIdField, externalId);
        records.computeIfAbsent(object, o -> new LinkedHashMap<>()).put(externalId, record);
        return (String) record.get("Id");
    }

    /** Every record of an object, as stored. */
    public synchronized List<Map<String, Object>> all(String object) {
        return new ArrayList<>(records.getOrDefault(object, Map.of()).values().stream()
                .map(LinkedHashMap::new).toList());
    }

    public synchronized Map<String, Object> get(String object, String externalId) {
        Map<String, Object> record = records.getOrDefault(object, Map.of()).get(externalId);
        return record == null ? null : new LinkedHashMap<>(record);
    }

    public synchronized void clear() {
        records.clear();
        unavailable = 0;
        refusal = null;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        String method = event.getRequest().getMethod().getName();
        if (!"PATCH".equals(method) && !"POST".equals(method)) {
            return answer(405, "[{\"errorCode\":\"METHOD_NOT_ALLOWED\",\"message\":\"stub serves upserts and creates only\"}]");
        }
        if (unavailable > 0) {
            unavailable--;
            return answer(503, "[{\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"down for maintenance\"}]");
        }
        if (refusal != null) {
            return answer(400, refusal);
        }
        if ("POST".equals(method)) {
            return create(event);
        }
        String[] path = URI.create(event.getRequest().getUrl()).getRawPath().split("/");
        String object = path[path.length - 3];
        String externalIdField = path[path.length - 2];
        String externalId = URLDecoder.decode(path[path.length - 1], StandardCharsets.UTF_8);
        Map<String, Object> fields;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = JSON.readValue(event.getRequest().getBodyAsString(), Map.class);
            fields = body;
        } catch (Exception e) {
            return answer(400, "[{\"errorCode\":\"JSON_PARSER_ERROR\",\"message\":\"" + e.getMessage()
                    .replace("\"", "'").replace("\n", " ") + "\"}]");
        }
        if (fields.containsKey(externalIdField)) {
            return answer(400, "[{\"errorCode\":\"INVALID_FIELD\",\"message\":\"The external ID field '"
                    + externalIdField + "' should not be specified in the sobject data.\"}]");
        }
        Map<String, Map<String, Object>> ofObject = records.computeIfAbsent(object, o -> new LinkedHashMap<>());
        Map<String, Object> existing = ofObject.get(externalId);
        String linkError = "Task".equals(object) ? taskLinkError(existing, fields) : null;
        if (linkError != null) {
            return answer(400, "[{\"errorCode\":\"FIELD_INTEGRITY_EXCEPTION\",\"message\":\"" + linkError
                    + "\",\"fields\":[\"WhoId\",\"WhatId\"]}]");
        }
        if (existing == null) {
            Map<String, Object> record = new LinkedHashMap<>(fields);
            record.put("Id", newId(object));
            record.put(externalIdField, externalId);
            ofObject.put(externalId, record);
            return answer(201, "{\"id\":\"" + record.get("Id") + "\",\"success\":true,\"errors\":[],\"created\":true}");
        }
        List<String> createOnly = fields.keySet().stream().filter(CREATE_ONLY::contains).toList();
        if (!createOnly.isEmpty()) {
            return answer(400, "[{\"errorCode\":\"INVALID_FIELD_FOR_INSERT_UPDATE\",\"message\":\"Unable to"
                    + " create/update fields: " + String.join(", ", createOnly) + ". Please check the security"
                    + " settings of this field and verify that it is read/write for your profile or permission"
                    + " set.\",\"fields\":" + toJson(createOnly) + "}]");
        }
        existing.putAll(fields);
        return answer(200, "{\"id\":\"" + existing.get("Id") + "\",\"success\":true,\"errors\":[],\"created\":false}");
    }

    /**
     * As Salesforce checks a Task's links: WhoId is a Contact (003) or Lead (00Q), WhatId anything
     * else a Task relates to, and a Lead stands alone (no WhatId beside it).
     */
    static String taskLinkError(Map<String, Object> existing, Map<String, Object> fields) {
        Map<String, Object> after = new LinkedHashMap<>(existing == null ? Map.of() : existing);
        after.putAll(fields);
        String who = (String) after.get("WhoId");
        String what = (String) after.get("WhatId");
        if (who != null && !who.startsWith("003") && !who.startsWith("00Q")) {
            return "Name ID: id value of incorrect type: " + who;
        }
        if (what != null && (what.startsWith("003") || what.startsWith("00Q") || what.startsWith("005"))) {
            return "Related To ID: id value of incorrect type: " + what;
        }
        if (who != null && who.startsWith("00Q") && what != null) {
            return "Related To ID: a task related to a lead cannot be related to anything else";
        }
        return null;
    }

    /** {@code POST .../sobjects/{object}}: a new record, kept under its Id. */
    private ResponseDefinition create(ServeEvent event) {
        String[] path = URI.create(event.getRequest().getUrl()).getRawPath().split("/");
        String object = path[path.length - 1];
        Map<String, Object> fields;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = JSON.readValue(event.getRequest().getBody(), Map.class);
            fields = body;
        } catch (Exception e) {
            return answer(400, "[{\"errorCode\":\"JSON_PARSER_ERROR\",\"message\":\"" + e.getMessage()
                    .replace("\"", "'").replace("\n", " ") + "\"}]");
        }
        Map<String, Object> record = new LinkedHashMap<>(fields);
        String id = newId(object);
        record.put("Id", id);
        records.computeIfAbsent(object, o -> new LinkedHashMap<>()).put(id, record);
        return answer(201, "{\"id\":\"" + id + "\",\"success\":true,\"errors\":[]}");
    }

    private String newId(String object) {
        String prefix = switch (object) {
            case "Task" -> "00T";
            case "Contact" -> "003";
            case "Lead" -> "00Q";
            case "ContentVersion" -> "068";
            default -> "a00";
        };
        return prefix + String.format("%012d", ids.incrementAndGet()) + "AAA";
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseDefinition answer(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body).build();
    }
}
