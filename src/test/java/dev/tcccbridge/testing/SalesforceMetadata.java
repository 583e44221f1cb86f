package dev.tcccbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The org the shipped metadata makes: the custom fields declared under {@code salesforce/force-app}
 * (Activity fields are on Task and Event), the standard fields the bridge uses
 * ({@code salesforce/standard-fields.txt}), and what the integration permission set grants. Reads
 * the fields out of SOQL, SOSL and record bodies as Salesforce resolves them (relationship paths
 * such as {@code Owner.Email} included), and says what Salesforce would refuse, in its words.
 *
 * <p>The Salesforce stub refuses through it every field the org would not have
 * ({@link SalesforceStub}); the metadata test checks with it that everything the bridge uses is
 * declared and granted.
 */
public final class SalesforceMetadata {

    public static final Path SOURCE = Path.of("salesforce", "force-app", "main", "default");
    public static final Path STANDARD_FIELDS = Path.of("salesforce", "standard-fields.txt");
    public static final String PERMISSION_SET = "TCCC_Bridge_Integration";

    /** Objects whose access no permission set grants: a Salesforce licence carries it. */
    static final Set<String> LICENCE_OBJECTS = Set.of("User", "ContentVersion");
    /** Activities have no object permissions: "Edit Tasks" lets a user write them. */
    static final Set<String> ACTIVITY_OBJECTS = Set.of("Task", "Event");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Set<String> SOQL_WORDS = Set.of("select", "from", "where", "and", "or", "not", "in", "like",
            "order", "by", "asc", "desc", "nulls", "first", "last", "limit", "offset", "true", "false", "null",
            "includes", "excludes", "with", "group", "having", "today", "yesterday", "tomorrow");
    private static final Pattern SELECT = Pattern.compile("(?is)^\\s*SELECT\\s+(.*?)\\s+FROM\\s+(\\w+)(.*)$");
    private static final Pattern RETURNING = Pattern.compile("(?is)\\bRETURNING\\s+(.*)$");
    private static final Pattern RETURNED = Pattern.compile("(\\w+)\\s*(?:\\(([^()]*)\\))?");
    private static final Pattern CLAUSE = Pattern.compile("(?i)\\s(?:WHERE|ORDER\\s+BY|LIMIT)\\s");

    public enum Access { READ, EDIT }

    /** A field the bridge uses: on which object, and how. */
    public record Use(String object, String field, Access access) {
        @Override
        public String toString() {
            return object + "." + field + " (" + access.name().toLowerCase(Locale.ROOT) + ")";
        }
    }

    /** object (lower case) → field (lower case) → its name as declared. */
    private final Map<String, Map<String, String>> fields = new TreeMap<>();
    /** object.relationship (lower case) → object it leads to. */
    private final Map<String, String> relationships = new LinkedHashMap<>();
    private final Set<String> externalIds = new LinkedHashSet<>();
    private final Set<String> custom = new LinkedHashSet<>();
    private final Map<String, Set<Access>> fieldGrants = new LinkedHashMap<>();
    private final Map<String, Set<Access>> objectGrants = new LinkedHashMap<>();
    private final Set<String> userPermissions = new LinkedHashSet<>();

    private SalesforceMetadata() {
    }

    /** The org as {@code salesforce/} deploys it. */
    public static SalesforceMetadata shipped() {
        SalesforceMetadata org = new SalesforceMetadata();
        try (Stream<Path> files = Files.walk(SOURCE.resolve("objects"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".field-meta.xml")).toList()) {
                String object = file.getParent().getParent().getFileName().toString();
                Element field = xml(file).getDocumentElement();
                String name = text(field, "fullName");
                boolean externalId = "true".equals(text(field, "externalId"));
                for (String on : "Activity".equals(object) ? List.of("Task", "Event") : List.of(object)) {
                    org.declare(on, name);
                    org.custom.add(key(on, name));
                    if (externalId) {
                        org.externalIds.add(key(on, name));
                    }
                }
            }
            for (String line : Files.readAllLines(STANDARD_FIELDS)) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                String[] parts = entry.split("\\s*->\\s*");
                int dot = parts[0].indexOf('.');
                String object = parts[0].substring(0, dot);
                String name = parts[0].substring(dot + 1);
                if (parts.length == 2) {
                    org.relationships.put(key(object, name), parts[1]);
                } else {
                    org.declare(object, name);
                }
            }
            Element set = xml(SOURCE.resolve("permissionsets").resolve(PERMISSION_SET + ".permissionset-meta.xml"))
                    .getDocumentElement();
            for (Element grant : children(set, "fieldPermissions")) {
                String[] field = text(grant, "field").split("\\.", 2);
                Set<Access> access = access("true".equals(text(grant, "readable")), "true".equals(text(grant, "editable")));
                for (String on : "Activity".equals(field[0]) ? List.of("Task", "Event") : List.of(field[0])) {
                    org.fieldGrants.put(key(on, field[1]), access);
                }
            }
            for (Element grant : children(set, "objectPermissions")) {
                org.objectGrants.put(text(grant, "object").toLowerCase(Locale.ROOT),
                        access("true".equals(text(grant, "allowRead")), "true".equals(text(grant, "allowEdit"))));
            }
            for (Element grant : children(set, "userPermissions")) {
                if ("true".equals(text(grant, "enabled"))) {
                    org.userPermissions.add(text(grant, "name"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return org;
    }

    /** The same org with fields an integration team added of its own ({@code Account.Tier__c}). */
    public SalesforceMetadata with(String... objectFields) {
        SalesforceMetadata org = copy();
        for (String objectField : objectFields) {
            int dot = objectField.indexOf('.');
            org.declare(objectField.substring(0, dot), objectField.substring(dot + 1));
        }
        return org;
    }

    /** Whether the org has the object at all. */
    public boolean hasObject(String object) {
        return fields.containsKey(object.toLowerCase(Locale.ROOT));
    }

    public boolean isExternalId(String object, String field) {
        return externalIds.contains(key(object, field));
    }

    /** Whether the field is declared under {@code salesforce/force-app} (not a standard one). */
    public boolean isCustom(String object, String field) {
        return custom.contains(key(object, field));
    }

    /**
     * Why Salesforce would refuse this field path on this object, in the words of its
     * {@code INVALID_FIELD} answer; empty when the org has it.
     */
    public Optional<String> refusal(String object, String path) {
        String on = object;
        String[] names = path.split("\\.");
        for (int i = 0; i < names.length - 1; i++) {
            String target = relationships.get(key(on, names[i]));
            if (target == null) {
                return Optional.of("Didn't understand relationship '" + names[i] + "' in field path. If you are "
                        + "attempting to use a custom relationship, be sure to append the '__r' after the custom "
                        + "relationship name. Please reference your WSDL or the describe call for the appropriate names.");
            }
            on = target;
        }
        String field = names[names.length - 1];
        if (!fields.getOrDefault(on.toLowerCase(Locale.ROOT), Map.of()).containsKey(field.toLowerCase(Locale.ROOT))) {
            return Optional.of("No such column '" + field + "' on entity '" + on + "'. If you are attempting to use a "
                    + "custom field, be sure to append the '__c' after the custom field name. Please reference your "
                    + "WSDL or the describe call for the appropriate names.");
        }
        return Optional.empty();
    }

    /** The object and field a path ends at: {@code Contact}, {@code Owner.Email} → {@code User.Email}. */
    public Use resolve(String object, String path, Access access) {
        String on = object;
        String[] names = path.split("\\.");
        for (int i = 0; i < names.length - 1; i++) {
            on = relationships.getOrDefault(key(on, names[i]), names[i]);
        }
        return new Use(on, names[names.length - 1], access);
    }

    /** What the permission set lacks for this use; empty when it grants it. */
    public Optional<String> missingGrant(Use use) {
        String object = use.object();
        if (ACTIVITY_OBJECTS.contains(object)) {
            if (use.access() == Access.EDIT && !userPermissions.contains("EditTask")) {
                return Optional.of("the permission set lacks the user permission EditTask to write " + object);
            }
        } else if (!LICENCE_OBJECTS.contains(object)
                && !objectGrants.getOrDefault(object.toLowerCase(Locale.ROOT), Set.of()).contains(use.access())) {
            return Optional.of("the permission set does not grant " + use.access() + " on the object " + object);
        }
        if (isCustom(object, use.field())
                && !fieldGrants.getOrDefault(key(object, use.field()), Set.of()).contains(use.access())) {
            return Optional.of("the permission set does not grant " + use.access() + " on the field " + object + "."
                    + use.field());
        }
        return Optional.empty();
    }

    /** The object a SOQL query reads and the field paths it names (selected, filtered or sorted by). */
    public static Map.Entry<String, List<String>> soqlFields(String soql) {
        Matcher select = SELECT.matcher(withoutLiterals(soql));
        if (!select.matches()) {
            throw new IllegalArgumentException("not a SOQL query the stub understands: " + soql);
        }
        List<String> paths = new ArrayList<>();
        for (String selected : select.group(1).split(",")) {
            paths.addAll(identifiers(selected));
        }
        paths.addAll(identifiers(select.group(3)));
        return Map.entry(select.group(2), paths);
    }

    /** The objects a SOSL search returns, each with the field paths it names. */
    public static Map<String, List<String>> soslFields(String sosl) {
        Matcher returning = RETURNING.matcher(withoutSearchText(sosl));
        Map<String, List<String>> found = new LinkedHashMap<>();
        if (!returning.find()) {
            return found;
        }
        Matcher returned = RETURNED.matcher(returning.group(1));
        while (returned.find()) {
            List<String> paths = found.computeIfAbsent(returned.group(1), o -> new ArrayList<>());
            if (returned.group(2) != null) {
                String inside = " " + withoutLiterals(returned.group(2)) + " ";
                Matcher clause = CLAUSE.matcher(inside);
                int end = clause.find() ? clause.start() : inside.length();
                for (String selected : inside.substring(0, end).split(",")) {
                    paths.addAll(identifiers(selected));
                }
                paths.addAll(identifiers(inside.substring(end)));
            }
        }
        return found;
    }

    private static List<String> identifiers(String text) {
        List<String> found = new ArrayList<>();
        Matcher identifier = IDENTIFIER.matcher(text);
        while (identifier.find()) {
            String name = identifier.group();
            // numbers of LIMIT are no identifiers, nor are SOQL's words
            if (!SOQL_WORDS.contains(name.toLowerCase(Locale.ROOT))) {
                found.add(name);
            }
        }
        return found;
    }

    /** The query with every quoted literal replaced by {@code ?}. */
    static String withoutLiterals(String query) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '\'') {
                    quoted = false;
                    out.append('?');
                }
            } else if (c == '\'') {
                quoted = true;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The search without its {@code FIND {...}} text (whose braces and quotes may be escaped). */
    static String withoutSearchText(String sosl) {
        int open = sosl.indexOf('{');
        if (open < 0) {
            return sosl;
        }
        for (int i = open + 1; i < sosl.length(); i++) {
            char c = sosl.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '}') {
                return sosl.substring(0, open) + sosl.substring(i + 1);
            }
        }
        return sosl;
    }

    private void declare(String object, String field) {
        fields.computeIfAbsent(object.toLowerCase(Locale.ROOT), o -> new TreeMap<>())
                .put(field.toLowerCase(Locale.ROOT), field);
    }

    private SalesforceMetadata copy() {
        SalesforceMetadata org = new SalesforceMetadata();
        fields.forEach((object, names) -> org.fields.put(object, new TreeMap<>(names)));
        org.relationships.putAll(relationships);
        org.externalIds.addAll(externalIds);
        org.custom.addAll(custom);
        org.fieldGrants.putAll(fieldGrants);
        org.objectGrants.putAll(objectGrants);
        org.userPermissions.addAll(userPermissions);
        return org;
    }

    private static String key(String object, String field) {
        return (object + "." + field).toLowerCase(Locale.ROOT);
    }

    private static Set<Access> access(boolean read, boolean edit) {
        Set<Access> access = new LinkedHashSet<>();
        if (read) {
            access.add(Access.READ);
        }
        if (edit) {
            access.add(Access.EDIT);
        }
        return access;
    }

    private static Document xml(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagNameNS("*", name);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS("*", name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }
}
