package dev.tcccbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Seeded random inputs for property tests (JUnit 5 parameterised tests, one seed a case):
 * payloads derived from the vendor's samples with fields removed, retyped, nulled, oversized,
 * reordered or made of random Unicode (control characters, lone surrogates, NUL, CJK, emoji),
 * and the raw text broken in ways JSON parsers meet.
 *
 * <p>Each test draws its seeds from {@link #seeds}: a fixed set derived from the test's name, as
 * many as {@code -Dbridge.fuzz.cases} says (a fast default in {@code mvn verify}, many more with
 * {@code mvn -Pfuzz verify}); {@code -Dbridge.fuzz.case=<seed>} runs the one case a report named.
 */
public final class Fuzz {

    public static final String CASE = "bridge.fuzz.case";
    public static final String CASES = "bridge.fuzz.cases";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final long seed;
    private final Random random;

    public Fuzz(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /**
     * The seeds of one property: {@code -Dbridge.fuzz.case} alone when set, else
     * {@code -Dbridge.fuzz.cases} (default {@code fastCases}) seeds derived from {@code property}.
     */
    public static Stream<Long> seeds(String property, int fastCases) {
        String one = System.getProperty(CASE, "");
        if (!one.isBlank()) {
            return Stream.of(Long.parseLong(one.strip()));
        }
        int cases = Integer.getInteger(CASES, fastCases);
        Random base = new Random(property.hashCode());
        return LongStream.range(0, cases).map(i -> base.nextLong()).boxed();
    }

    /** One case of a property; a failure names the seed that reproduces it. */
    public static void run(long seed, Case property) {
        try {
            property.check(new Fuzz(seed));
        } catch (Throwable failure) {
            throw new AssertionError("case " + seed + " (again: -D" + CASE + "=" + seed + "): " + failure, failure);
        }
    }

    /** The body of a property, given the case's generator. */
    @FunctionalInterface
    public interface Case {
        void check(Fuzz fuzz) throws Exception;
    }

    public long seed() {
        return seed;
    }

    public Random random() {
        return random;
    }

    public int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** A vendor sample (examples/*.json) as a tree. */
    public static ObjectNode sample(String name) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(Path.of("examples", name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text of up to {@code max} code points drawn from the hard parts of Unicode. */
    public String unicode(int max) {
        int length = between(0, max);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(10)) {
                case 0 -> text.append((char) random.nextInt(0x20)); // control characters, NUL among them
                case 1 -> text.append((char) (0xD800 + random.nextInt(0x800))); // a lone surrogate
                case 2 -> text.appendCodePoint(0x1F300 + random.nextInt(0x300)); // emoji (surrogate pairs)
                case 3 -> text.append((char) (0x4E00 + random.nextInt(0x5000))); // CJK
                case 4 -> text.append(oneOf(List.of("\u0000", "\u007F", "\u0085", "\u2028", "\u2029", "\uFEFF",
                        "\uFFFE", "\uFFFF", "\u202E", "\u200B")));
                case 5 -> text.append(oneOf(List.of("\"", "\\", "'", "<", ">", "&", "%", "/", "{", "}", "[", "]")));
                case 6 -> text.append((char) (0x0660 + random.nextInt(10))); // Arabic-Indic digits
                default -> text.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return text.toString();
    }

    /** A phone number as TCCC, CRM users or nobody would write it. */
    public String phoneNumber() {
        String digits = digits(between(1, 20));
        return switch (random.nextInt(12)) {
            case 0 -> "0086" + digits;
            case 1 -> "+" + digits;
            case 2 -> "00" + digits;
            case 3 -> "0" + digits; // a trunk prefix
            case 4 -> "+86 (0)" + digits; // a trunk prefix written after the country code
            case 5 -> "+1 (" + digits(3) + ") " + digits(3) + "-" + digits(4);
            case 6 -> "0086" + digits(3) + "xxxx" + digits(4); // masked
            case 7 -> digits + " ext. " + digits(3);
            case 8 -> unicode(20);
            case 9 -> "  " + digits + "\t";
            case 10 -> digits(between(100, 400));
            default -> digits;
        };
    }

    public String digits(int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    /** The sample with one to four of its fields (at any depth) changed, and its fields reordered. */
    public ObjectNode mutate(ObjectNode sample) {
        ObjectNode copy = sample.deepCopy();
        int changes = between(1, 4);
        for (int i = 0; i < changes; i++) {
            List<ObjectNode> objects = new ArrayList<>();
            collectObjects(copy, objects);
            ObjectNode target = oneOf(objects);
            List<String> names = new ArrayList<>();
            target.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty() || chance(0.1)) {
                target.set(chance(0.5) ? unicode(12) : "Unknown" + between(0, 99), value(0));
                continue;
            }
            String name = oneOf(names);
            switch (random.nextInt(6)) {
                case 0 -> target.remove(name);
                case 1 -> target.putNull(name);
                default -> target.set(name, value(0));
            }
        }
        return chance(0.3) ? reordered(copy) : copy;
    }

    /** The text of a mutated sample, now and then broken as text (cut short, doubled keys, a BOM...). */
    public String mutatedText(ObjectNode sample) {
        String json = mutate(sample).toString();
        return switch (random.nextInt(14)) {
            case 0 -> json.substring(0, random.nextInt(Math.max(1, json.length())));
            case 1 -> json.replaceFirst("\\{", "{\"SessionId\":\"first\",");
            case 2 -> "\uFEFF" + json;
            case 3 -> json + oneOf(List.of("x", "{}", " ", "\n", "\u0000", ",", "]"));
            case 4 -> "[" + json + "]";
            case 5 -> oneOf(List.of("", "null", "0", "\"text\"", "true", "[]", "{", "}", "{}", "{\"a\":}"));
            case 6 -> json.replace(":", " : ").replace(",", " ,\n");
            default -> json;
        };
    }

    /** A random JSON value: any type, empty or huge, nested. */
    public JsonNode value(int depth) {
        return switch (random.nextInt(depth > 2 ? 9 : 12)) {
            case 0 -> NODES.textNode(unicode(40));
            case 1 -> NODES.textNode("x".repeat(between(200, 70_000)));
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(oneOf(List.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE)));
            case 4 -> NODES.numberNode(new java.math.BigInteger(digits(between(20, 400)).replaceFirst("^0+", "1")));
            case 5 -> NODES.numberNode(oneOf(List.of(1.5, -0.0, 1e308, 4.9e-324, 1e10)));
            case 6 -> NODES.booleanNode(random.nextBoolean());
            case 7 -> NODES.textNode(oneOf(List.of("", " ", "0", "-1", "1e3", "NaN", "1677140068", "null", "true")));
            case 8 -> NODES.nullNode();
            case 9 -> {
                ArrayNode array = NODES.arrayNode();
                int size = between(0, 4);
                for (int i = 0; i < size; i++) {
                    array.add(value(depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                int size = between(0, 4);
                for (int i = 0; i < size; i++) {
                    object.set(oneOf(List.of("Key", "Label", "Mail", "Type", unicode(6))), value(depth + 1));
                }
                yield object;
            }
        };
    }

    private ObjectNode reordered(ObjectNode object) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            fields.add(it.next());
        }
        Collections.shuffle(fields, random);
        ObjectNode reordered = NODES.objectNode();
        fields.forEach(field -> reordered.set(field.getKey(), field.getValue()));
        return reordered;
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        node.forEach(child -> collectObjects(child, objects));
    }
}
