package dev.tcccbridge.crm;

import dev.tcccbridge.crm.CrmMappingProperties.FieldMapping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mapping of {@code bridge.crm.mapping.*} ready to apply: each CRM field's value is a named
 * value of the pipeline ({@code value}), a fixed one ({@code constant}), or a Camel Simple
 * expression ({@code expression}) over the pipeline's payload as {@code body} and its lookups as
 * variables. Compiled once at start-up: an unknown value or an expression Simple cannot parse
 * stops the start with the entry and its field named.
 *
 * @param <V> the named values of the pipeline, e.g. {@link CallValue}
 */
public final class FieldMappings<V extends Enum<V>> {

    private static final Logger LOG = LoggerFactory.getLogger(FieldMappings.class);

    private record Entry<V>(String field, Object constant, V value, Expression expression, String text,
                            Integer maxLength) {
    }

    private final CamelContext camel;
    private final List<Entry<V>> entries;

    private FieldMappings(CamelContext camel, List<Entry<V>> entries) {
        this.camel = camel;
        this.entries = entries;
    }

    /**
     * @param key     the setting's name, for messages, e.g. {@code bridge.crm.mapping.cdr-task}
     * @param values  the named values and their names in the mapping
     * @param lengths Salesforce's lengths of standard fields, used when an entry sets no max-length
     * @throws IllegalStateException naming the entry and its field, when one cannot be applied
     */
    public static <V extends Enum<V>> FieldMappings<V> compile(String key, List<FieldMapping> mapping, Class<V> values,
                                                               Function<V, String> names, Map<String, Integer> lengths,
                                                               CamelContext camel) {
        List<Entry<V>> entries = new ArrayList<>();
        for (int i = 0; i < mapping.size(); i++) {
            FieldMapping field = mapping.get(i);
            String where = key + "[" + i + "] (field " + field.field() + ")";
            Integer maxLength = field.maxLength() != null ? field.maxLength() : lengths.get(field.field());
            if (field.expression() != null) {
                Expression expression;
                try {
                    expression = camel.resolveLanguage("simple").createExpression(field.expression());
                    expression.init(camel);
                } catch (RuntimeException e) {
                    throw new IllegalStateException(where + ": the expression " + field.expression()
                            + " is not valid Camel Simple: " + e.getMessage(), e);
                }
                entries.add(new Entry<>(field.field(), null, null, expression, field.expression(), maxLength));
            } else if (field.value() != null && !field.value().isBlank()) {
                V value = Arrays.stream(values.getEnumConstants())
                        .filter(v -> names.apply(v).equals(field.value().strip())).findFirst()
                        .orElseThrow(() -> new IllegalStateException(where + ": unknown value '" + field.value()
                                + "', expected one of " + Arrays.stream(values.getEnumConstants()).map(names).toList()
                                + " (docs/CRM-MAPPING.md)"));
                entries.add(new Entry<>(field.field(), null, value, null, null, maxLength));
            } else {
                entries.add(new Entry<>(field.field(), field.constant(), null, null, null, maxLength));
            }
        }
        return new FieldMappings<>(camel, List.copyOf(entries));
    }

    /**
     * The fields, in mapping order. A value that is null (the pipeline does not have it, an
     * expression that evaluates to nothing or fails) is left out, so an update never blanks a
     * field; texts are made well-formed and cut to the field's length.
     *
     * @param valueOf   a named value of this payload
     * @param body      what expressions see as {@code ${body}}
     * @param variables what they see as {@code ${variable.<name>}}
     * @param record    names the record in the log when an expression fails
     */
    public Map<String, Object> fields(Function<V, Object> valueOf, Object body, Map<String, Object> variables,
                                      String record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Exchange exchange = null;
        for (Entry<V> entry : entries) {
            Object value;
            if (entry.expression() != null) {
                if (exchange == null) {
                    exchange = new DefaultExchange(camel);
                    exchange.getMessage().setBody(body);
                    exchange.getVariables().putAll(variables);
                }
                value = evaluate(entry, exchange, record);
            } else if (entry.value() != null) {
                value = valueOf.apply(entry.value());
            } else {
                value = entry.constant();
            }
            if (value != null) {
                fields.put(entry.field(), cut(wellFormed(value), entry.maxLength()));
            }
        }
        return fields;
    }

    /** An expression's value; on failure nothing (the record is still written, the log says why). */
    private static Object evaluate(Entry<?> entry, Exchange exchange, String record) {
        try {
            Object value = entry.expression().evaluate(exchange, Object.class);
            Exception failed = exchange.getException();
            if (failed != null) {
                exchange.setException(null);
                throw failed;
            }
            return value instanceof String text && text.isEmpty() ? null : value;
        } catch (Exception e) {
            LOG.warn("{}: the expression {} of field {} failed, the field is left out: {}", record, entry.text(),
                    entry.field(), e.toString());
            return null;
        }
    }

    /**
     * Texts as Salesforce takes them: a lone surrogate (which has no UTF-8) becomes U+FFFD, and
     * control characters other than line breaks and tabs (NUL among them) are left out.
     */
    static Object wellFormed(Object value) {
        if (!(value instanceof String text)) {
            return value;
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                clean.append('\uFFFD');
            } else if (!Character.isISOControl(c) || c == '\n' || c == '\r' || c == '\t') {
                clean.appendCodePoint(c);
            }
        });
        return clean.toString().equals(text) ? text : clean.toString();
    }

    /** Texts longer than the field are cut (never inside a surrogate pair); other values pass. */
    static Object cut(Object value, Integer maxLength) {
        if (!(value instanceof String text) || maxLength == null || text.length() <= maxLength) {
            return value;
        }
        int end = Character.isHighSurrogate(text.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
        return text.substring(0, end);
    }

    /** The fields a mapping writes, for checks at start-up. */
    public List<String> fieldNames() {
        return entries.stream().map(Entry::field).toList();
    }

    /** Whether the mapping writes a named value. */
    public boolean writes(V value) {
        return entries.stream().anyMatch(e -> e.value() == value);
    }

    static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
