package dev.tcccbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link SalesforceStub} finds by SOQL ({@code GET .../query/?q=}) and SOSL
 * ({@code GET .../search/?q=}), answered like Salesforce answers them:
 * <ul>
 * <li>active users by e-mail: {@code SELECT ... FROM User WHERE ... Email = '..'} or
 * {@code Email IN ('..', ..)} (e-mails compared without case);</li>
 * <li>records by an external id: {@code SELECT f FROM Object WHERE f IN ('..', ..)} against the
 * records upserts wrote ({@link SalesforceRecords}), and {@code SELECT Id FROM Object WHERE f = '..'}
 * the same way;</li>
 * <li>phone searches: {@code FIND {"a" OR "b" ...} IN PHONE FIELDS RETURNING Contact(... LIMIT n),
 * Lead(... LIMIT n)}: every record registered for a term the search contains ({@link #search}),
 * each object cut to its LIMIT, 2,000 at most. A search text over 4,000 characters (where
 * Salesforce drops the OR operators) is refused.</li>
 * </ul>
 * Anything else finds nothing. Tests may still stub a query of their own (a higher priority).
 */
public final class SalesforceDirectory implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "salesforce-directory";
    static final int MAX_SEARCH_TEXT = 4000;
    static final int MAX_SEARCH_RESULTS = 2000;
    static final int MAX_SOQL = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USER_BY_EMAIL = Pattern.compile(
            "(?is)\\bFROM\\s+User\\s+WHERE\\b.*?\\bEmail\\s*(?:=\\s*('(?:\\\\.|[^'\\\\])*')|IN\\s*\\(([^)]*)\\))");
    private static final Pattern BY_EXTERNAL_ID = Pattern.compile(
            "(?is)^\\s*SELECT\\s+(\\w+)\\s+FROM\\s+(\\w+)\\s+WHERE\\s+(\\w+)\\s+IN\\s*\\(([^)]*)\\)\\s*$");
    private static final Pattern ID_BY_EXTERNAL_ID = Pattern.compile(
            "(?is)^\\s*SELECT\\s+Id\\s+FROM\\s+(\\w+)\\s+WHERE\\s+(\\w+)\\s*=\\s*('(?:\\\\.|[^'\\\\])*')(?:\\s+LIMIT\\s+\\d+)?\\s*$");
    private static final Pattern LITERAL = Pattern.compile("'((?:\\\\.|[^'\\\\])*)'");
    private static final Pattern SEARCH = Pattern.compile("(?s)^FIND \\{(.*)\\} IN PHONE FIELDS RETURNING (.*)$");
    private static final Pattern RETURNING = Pattern.compile("(\\w+)\\(([^()]*)\\)");
    private static final Pattern LIMIT = Pattern.compile("(?i)\\bLIMIT\\s+(\\d+)");

    private final SalesforceRecords records;
    private final SalesforceStub.ApiUsage usage;
    private final Map<String, String> users = new LinkedHashMap<>();
    private final Map<String, List<String>> searches = new LinkedHashMap<>();

    /** {@link SalesforceStub} builds its own: {@link SalesforceStub#directory()}. */
    SalesforceDirectory(SalesforceRecords records, SalesforceStub.ApiUsage usage) {
        this.records = records;
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

    /** Queries and searches find nothing but what a test adds. */
    public synchronized void findNothingElse() {
        users.clear();
        searches.clear();
    }

    /** An active user with this e-mail. */
    public synchronized void user(String email, String userId) {
        users.put(email.toLowerCase(Locale.ROOT), userId);
    }

    /** A search with a term that contains {@code searched} finds these records (JSON of searchRecords), in this order. */
    public synchronized void search(String searched, String... found) {
        searches.computeIfAbsent(searched, s -> new ArrayList<>()).addAll(List.of(found));
    }

    public static String contact(String id, String name, String phoneField, String phone, String ownerEmail) {
        return """
                {"attributes":{"type":"Contact","url":"/services/data/v62.0/sobjects/Contact/%s"},
                 "Id":"%s","Name":"%s","OwnerId":"005000000000077AAA",
                 "Owner":{"attributes":{"type":"User"},"Email":"%s"},"%s":"%s"}"""
                .formatted(id, id, name, ownerEmail, phoneField, phone);
    }

    public static String lead(String id, String name, String phone) {
        return """
                {"attributes":{"type":"Lead","url":"/services/data/v62.0/sobjects/Lead/%s"},
                 "Id":"%s","Name":"%s","OwnerId":"005000000000078AAA",
                 "Owner":{"attributes":{"type":"User"},"Email":"leads@example.com"},"Phone":"%s"}"""
                .formatted(id, id, name, phone);
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        String q = event.getRequest().queryParameter("q").isPresent()
                ? event.getRequest().queryParameter("q").firstValue() : "";
        String path = event.getRequest().getUrl();
        if (path.length() > SalesforceStub.MAX_URI) {
            return SalesforceRecords.answer(414, "[{\"errorCode\":\"URI_TOO_LONG\",\"message\":\"URI Too Long\"}]");
        }
        if (usage.refusal() != null) {
            return usage.refusal();
        }
        try {
            return path.contains("/search/") ? search(q) : query(q);
        } catch (RuntimeException e) {
            return SalesforceRecords.answer(400, SalesforceRecords.error("MALFORMED_QUERY", String.valueOf(e.getMessage())));
        }
    }

    private ResponseDefinition query(String soql) {
        if (soql.length() > MAX_SOQL) {
            return SalesforceRecords.answer(400, SalesforceRecords.error("MALFORMED_QUERY",
                    "SOQL statements cannot exceed 100000 characters"));
        }
        ArrayNode found = JSON.createArrayNode();
        Matcher user = USER_BY_EMAIL.matcher(soql);
        Matcher byExternalId = BY_EXTERNAL_ID.matcher(soql);
        Matcher idByExternalId = ID_BY_EXTERNAL_ID.matcher(soql);
        if (idByExternalId.find()) {
            for (String value : literals(idByExternalId.group(3))) {
                Map<String, Object> record = records.get(idByExternalId.group(1), value);
                if (record != null) {
                    found.add(record(idByExternalId.group(1), (String) record.get("Id")));
                }
            }
        } else if (user.find()) {
            List<String> emails = user.group(1) != null ? literals(user.group(1)) : literals(user.group(2));
            for (String email : new LinkedHashSet<>(emails)) {
                String id = users.get(email.toLowerCase(Locale.ROOT));
                if (id != null) {
                    found.add(record("User", id).put("Email", email));
                }
            }
        } else if (byExternalId.find()) {
            String field = byExternalId.group(1);
            String object = byExternalId.group(2);
            if (!field.equals(byExternalId.group(3))) {
                throw new IllegalArgumentException("stub: selects " + field + " where " + byExternalId.group(3));
            }
            for (String value : new LinkedHashSet<>(literals(byExternalId.group(4)))) {
                Map<String, Object> record = records.get(object, value);
                if (record != null) {
                    found.add(record(object, (String) record.get("Id")).put(field, value));
                }
            }
        }
        ObjectNode answer = JSON.createObjectNode().put("totalSize", found.size()).put("done", true);
        answer.set("records", found);
        return SalesforceRecords.answer(200, answer.toString());
    }

    private ResponseDefinition search(String sosl) {
        Matcher search = SEARCH.matcher(sosl);
        if (!search.matches()) {
            return SalesforceRecords.answer(200, "{\"searchRecords\":[]}");
        }
        String text = search.group(1);
        if (text.length() > MAX_SEARCH_TEXT) {
            return SalesforceRecords.answer(400, SalesforceRecords.error("INVALID_SEARCH",
                    "stub: a search text of " + text.length() + " characters loses its OR operators (over 4000)"));
        }
        List<String> terms = terms(text);
        Map<String, Integer> limits = new LinkedHashMap<>();
        Matcher returning = RETURNING.matcher(search.group(2));
        while (returning.find()) {
            Matcher limit = LIMIT.matcher(returning.group(2));
            limits.put(returning.group(1), limit.find() ? Integer.parseInt(limit.group(1)) : MAX_SEARCH_RESULTS);
        }
        Set<String> seen = new LinkedHashSet<>();
        Map<String, Integer> perObject = new LinkedHashMap<>();
        ArrayNode found = JSON.createArrayNode();
        for (Map.Entry<String, List<String>> registered : searches.entrySet()) {
            if (terms.stream().noneMatch(term -> term.contains(registered.getKey()))) {
                continue;
            }
            for (String json : registered.getValue()) {
                JsonNode record = read(json);
                String type = record.path("attributes").path("type").asText();
                int count = perObject.getOrDefault(type, 0);
                if (limits.containsKey(type) && count < limits.get(type) && found.size() < MAX_SEARCH_RESULTS
                        && seen.add(record.path("Id").asText())) {
                    perObject.put(type, count + 1);
                    found.add(record);
                }
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("searchRecords", found);
        return SalesforceRecords.answer(200, answer.toString());
    }

    /** The phrases of {@code "a" OR "b\+c"}, unescaped. */
    static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        StringBuilder term = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (term == null) {
                if (c == '"') {
                    term = new StringBuilder();
                }
            } else if (c == '\\' && i + 1 < text.length()) {
                term.append(text.charAt(++i));
            } else if (c == '"') {
                terms.add(term.toString());
                term = null;
            } else {
                term.append(c);
            }
        }
        return terms;
    }

    private static List<String> literals(String text) {
        List<String> values = new ArrayList<>();
        Matcher literal = LITERAL.matcher(text);
        while (literal.find()) {
            values.add(literal.group(1).replaceAll("\\\\(.)", "$1"));
        }
        return values;
    }

    private static ObjectNode record(String type, String id) {
        ObjectNode record = JSON.createObjectNode();
        record.putObject("attributes").put("type", type).put("url", "/services/data/v62.0/sobjects/" + type + "/" + id);
        return record.put("Id", id);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
