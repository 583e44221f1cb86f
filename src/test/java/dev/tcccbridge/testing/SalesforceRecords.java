package dev.tcccbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The records behind {@link SalesforceStub}, kept like Salesforce keeps them, and the REST calls
 * that write them:
 * <ul>
 * <li>{@code PATCH /services/data/vNN/sobjects/{object}/{externalIdField}/{value}}: one upsert;
 * creates (201) or updates (200); the external id field may not be in the body;</li>
 * <li>{@code PATCH /services/data/vNN/composite/sobjects/{object}/{externalIdField}}: sObject
 * Collections upsert of {@code {"allOrNone":..,"records":[{"attributes":{"type":..},..}]}}, at most
 * 200 records, each with its type and external id, answered 200 with one result per record in
 * order ({@code {"id","success","errors":[{"statusCode","message","fields"}],"created"}});
 * {@code allOrNone=true} rolls every record back when one fails;</li>
 * <li>{@code POST /services/data/vNN/sobjects/{object}}: a create (a ContentVersion, say).</li>
 * </ul>
 * Create-only fields (TaskSubtype) are refused on update with {@code INVALID_FIELD_FOR_INSERT_UPDATE},
 * a Task's links as Salesforce checks them with {@code FIELD_INTEGRITY_EXCEPTION} ({@link #taskLinkError}).
 * Every record an upsert carried is kept in the order it came ({@link #sent}). Outages and
 * refusals, of every record or of one, can be switched on.
 */
public final class SalesforceRecords implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "salesforce-records";
    static final Set<String> CREATE_ONLY = Set.of("TaskSubtype");
    /** sObject Collections take this many records a request. */
    public static final int MAX_COLLECTION = 200;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** object → external id value → fields. */
    private final Map<String, Map<String, Map<String, Object>>> records = new LinkedHashMap<>();
    /** object → every record upserts carried, in order, as sent (the external id included). */
    private final Map<String, List<Map<String, Object>>> sent = new LinkedHashMap<>();
    private final Map<String, Refusal> refusedRecords = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final SalesforceStub.ApiUsage usage;
    private int unavailable;
    private Refusal refusal;

    private record Refusal(String errorCode, String message, int times) {
    }

    SalesforceRecords(SalesforceStub.ApiUsage usage) {
        this.usage = usage;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** The next {@code upserts} upsert requests are answered 503, as during a Salesforce outage. */
    public synchronized void unavailableFor(int upserts) {
        unavailable = upserts;
    }

    /** Every record upserted is refused with this error (a validation rule, say); null: none. */
    public synchronized void refuseWith(String errorCode, String message) {
        refusal = errorCode == null ? null : new Refusal(errorCode, message, Integer.MAX_VALUE);
    }

    /** The record with this external id is refused with this error, every time it comes. */
    public synchronized void refuse(String externalId, String errorCode, String message) {
        refusedRecords.put(externalId, new Refusal(errorCode, message, Integer.MAX_VALUE));
    }

    /** The record with this external id is refused the next {@code times} times it comes (a locked row, say). */
    public synchronized void refuse(String externalId, String errorCode, String message, int times) {
        refusedRecords.put(externalId, new Refusal(errorCode, message, times));
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

    /** Every record upserts of this object carried, in the order they came, the external id included. */
    public synchronized List<Map<String, Object>> sent(String object) {
        return sent.getOrDefault(object, List.of()).stream().<Map<String, Object>>map(LinkedHashMap::new).toList();
    }

    /** The records upserts carried for one external id, in order. */
    public synchronized List<Map<String, Object>> sent(String object, String externalIdField, String externalId) {
        return sent(object).stream().filter(r -> externalId.equals(r.get(externalIdField))).toList();
    }

    public synchronized void clear() {
        records.clear();
        sent.clear();
        refusedRecords.clear();
        unavailable = 0;
        refusal = null;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        String method = event.getRequest().getMethod().getName();
        if (!"PATCH".equals(method) && !"POST".equals(method)) {
            return answer(405, "[{\"errorCode\":\"METHOD_NOT_ALLOWED\",\"message\":\"stub serves upserts and creates only\"}]");
        }
        if (usage.refusal() != null) {
            return usage.refusal();
        }
        if (unavailable > 0) {
            unavailable--;
            return answer(503, "[{\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"down for maintenance\"}]");
        }
        String[] path = URI.create(event.getRequest().getUrl()).getRawPath().split("/");
        JsonNode body;
        try {
            body = JSON.readTree(event.getRequest().getBodyAsString());
        } catch (Exception e) {
            return answer(400, error("JSON_PARSER_ERROR", e.getMessage().replace("\n", " ")));
        }
        if ("POST".equals(method)) {
            return create(path[path.length - 1], body);
        }
        if ("composite".equals(path[path.length - 4])) {
            return collection(path[path.length - 2], path[path.length - 1], body);
        }
        String object = path[path.length - 3];
        String externalIdField = path[path.length - 2];
        String externalId = URLDecoder.decode(path[path.length - 1], StandardCharsets.UTF_8);
        if (!(body instanceof ObjectNode) || body.has(externalIdField)) {
            return answer(400, error("INVALID_FIELD", "The external ID field '" + externalIdField
                    + "' should not be specified in the sobject data."));
        }
        Map<String, Object> fields = fields(body);
        Map<String, Object> carried = new LinkedHashMap<>(fields);
        carried.put(externalIdField, externalId);
        sent.computeIfAbsent(object, o -> new ArrayList<>()).add(carried);
        ObjectNode result = upsert(object, externalIdField, externalId, fields);
        if (!result.path("success").asBoolean()) {
            // a single upsert answers its errors as the body, with the REST error shape
            ArrayNode errors = JSON.createArrayNode();
            result.path("errors").forEach(e -> errors.add(JSON.createObjectNode()
                    .put("errorCode", e.path("statusCode").asText()).put("message", e.path("message").asText())
                    .set("fields", e.path("fields"))));
            return answer(400, errors.toString());
        }
        return answer(result.path("created").asBoolean() ? 201 : 200, result.toString());
    }

    /** {@code PATCH .../composite/sobjects/{object}/{externalIdField}}: up to 200 records, one result each. */
    private ResponseDefinition collection(String object, String externalIdField, JsonNode body) {
        if (!(body instanceof ObjectNode) || !body.path("records").isArray()
                || (body.has("allOrNone") && !body.get("allOrNone").isBoolean())) {
            return answer(400, error("JSON_PARSER_ERROR", "expected {\"allOrNone\":boolean,\"records\":[...]}"));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("allOrNone") && !name.equals("records")) {
                return answer(400, error("JSON_PARSER_ERROR", "Unrecognized field \"" + name + "\""));
            }
        }
        JsonNode list = body.get("records");
        if (list.size() > MAX_COLLECTION) {
            return answer(400, error("EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than 200 records into this call"));
        }
        for (JsonNode record : list) {
            String type = record.path("attributes").path("type").asText("");
            if (!type.equals(object)) {
                return answer(400, error("INVALID_TYPE", "each record needs attributes.type " + object
                        + " (the object of the URI), found '" + type + "'"));
            }
        }
        Map<String, Integer> perExternalId = new HashMap<>();
        list.forEach(r -> perExternalId.merge(r.path(externalIdField).asText(""), 1, Integer::sum));
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        Map<String, Map<String, Map<String, Object>>> before = allOrNone ? copy(records) : null;
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode record : list) {
            Map<String, Object> fields = fields(record);
            fields.remove("attributes");
            sent.computeIfAbsent(object, o -> new ArrayList<>()).add(new LinkedHashMap<>(fields));
            Object externalId = fields.remove(externalIdField);
            if (fields.containsKey("Id")) {
                results.add(failure("INVALID_FIELD", "Only external ids are supported: do not set Id", List.of("Id")));
            } else if (!(externalId instanceof String value) || value.isBlank()) {
                results.add(failure("MISSING_ARGUMENT", externalIdField + " not specified", List.of(externalIdField)));
            } else if (perExternalId.get(value) > 1) {
                results.add(failure("DUPLICATE_EXTERNAL_ID", "Duplicate external id specified: " + value,
                        List.of(externalIdField)));
            } else {
                results.add(upsert(object, externalIdField, value, fields));
            }
        }
        boolean anyFailed = false;
        for (JsonNode result : results) {
            anyFailed |= !result.path("success").asBoolean();
        }
        if (allOrNone && anyFailed) {
            records.clear();
            records.putAll(before);
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).path("success").asBoolean()) {
                    results.set(i, failure("ALL_OR_NONE_OPERATION_ROLLED_BACK",
                            "Record rolled back because not all records were valid and the request was using AllOrNone header",
                            List.of()));
                }
            }
        }
        return answer(200, results.toString());
    }

    /** One record written by its external id: the result as sObject Collections answer it. */
    private ObjectNode upsert(String object, String externalIdField, String externalId, Map<String, Object> fields) {
        Refusal refused = refusedRecords.get(externalId);
        if (refused != null) {
            if (refused.times() == 1) {
                refusedRecords.remove(externalId);
            } else if (refused.times() != Integer.MAX_VALUE) {
                refusedRecords.put(externalId, new Refusal(refused.errorCode(), refused.message(), refused.times() - 1));
            }
            return failure(refused.errorCode(), refused.message(), List.of());
        }
        if (refusal != null) {
            return failure(refusal.errorCode(), refusal.message(), List.of());
        }
        Map<String, Map<String, Object>> ofObject = records.computeIfAbsent(object, o -> new LinkedHashMap<>());
        Map<String, Object> existing = ofObject.get(externalId);
        String linkError = "Task".equals(object) ? taskLinkError(existing, fields) : null;
        if (linkError != null) {
            return failure("FIELD_INTEGRITY_EXCEPTION", linkError, List.of("WhoId", "WhatId"));
        }
        if (existing == null) {
            Map<String, Object> record = new LinkedHashMap<>(fields);
            record.put("Id", newId(object));
            record.put(externalIdField, externalId);
            ofObject.put(externalId, record);
            return success((String) record.get("Id"), true);
        }
        List<String> createOnly = fields.keySet().stream().filter(CREATE_ONLY::contains).toList();
        if (!createOnly.isEmpty()) {
            return failure("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                    + String.join(", ", createOnly) + ". Please check the security settings of this field and verify"
                    + " that it is read/write for your profile or permission set.", createOnly);
        }
        existing.putAll(fields);
        return success((String) existing.get("Id"), false);
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
    private ResponseDefinition create(String object, JsonNode body) {
        Map<String, Object> record = fields(body);
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(JsonNode node) {
        return new LinkedHashMap<>(JSON.convertValue(node, Map.class));
    }

    private static Map<String, Map<String, Map<String, Object>>> copy(Map<String, Map<String, Map<String, Object>>> all) {
        Map<String, Map<String, Map<String, Object>>> copy = new LinkedHashMap<>();
        all.forEach((object, byId) -> {
            Map<String, Map<String, Object>> records = new LinkedHashMap<>();
            byId.forEach((id, record) -> records.put(id, new LinkedHashMap<>(record)));
            copy.put(object, records);
        });
        return copy;
    }

    private static ObjectNode success(String id, boolean created) {
        ObjectNode result = JSON.createObjectNode().put("id", id).put("success", true);
        result.putArray("errors");
        return result.put("created", created);
    }

    private static ObjectNode failure(String statusCode, String message, List<String> fields) {
        ObjectNode result = JSON.createObjectNode().put("success", false);
        ObjectNode error = result.putArray("errors").addObject().put("statusCode", statusCode).put("message", message);
        fields.forEach(error.putArray("fields")::add);
        return result;
    }

    static String error(String errorCode, String message) {
        ArrayNode errors = JSON.createArrayNode();
        errors.addObject().put("errorCode", errorCode).put("message", message);
        return errors.toString();
    }

    static ResponseDefinition answer(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body).build();
    }
}
