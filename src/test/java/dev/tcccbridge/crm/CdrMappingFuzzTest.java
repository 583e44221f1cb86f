package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.tccc.Cdr;
import dev.tcccbridge.tccc.PushAction;
import dev.tcccbridge.tccc.PushReader;
import dev.tcccbridge.tccc.PushRejected;
import dev.tcccbridge.testing.Fuzz;
import dev.tcccbridge.testing.SalesforceMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: every CDR the push reader accepts maps, with the shipped mapping, to Task fields
 * Salesforce takes: texts within the field's length and well-formed, picklists within their
 * values, numbers that fit an integer field, dates Salesforce can store (the Task object's
 * field reference: Subject 255, CallDisposition 255, CallObject 255, Description 32,000,
 * CallDurationInSeconds int; ActivityDate 1700-01-01..4000-12-31; the Text fields' lengths as
 * salesforce/ declares them). CDRs are the vendor's sample, mutated ({@link Fuzz}).
 */
class CdrMappingFuzzTest {

    static final PushReader READER = new PushReader(new ObjectMapper());
    static final Map<String, Integer> LENGTHS = lengths();
    static final Map<String, Set<String>> PICKLISTS = Map.of(
            "CallType", Set.of("Inbound", "Outbound", "Internal"),
            "Status", Set.of("Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred"),
            "TaskSubtype", Set.of("Task", "Email", "ListEmail", "Cadence", "Call", "LinkedIn"));
    static final LocalDate FIRST_DATE = LocalDate.of(1700, 1, 1);
    static final LocalDate LAST_DATE = LocalDate.of(4000, 12, 31);

    final CdrToTask mapper = new CdrToTask(CdrToTaskTest.SHIPPED, CdrToTaskTest.properties("Asia/Shanghai"), CdrToTaskTest.CAMEL);

    /** The standard Task texts' lengths, and those of the Text fields salesforce/ declares on activities. */
    static Map<String, Integer> lengths() {
        Map<String, Integer> lengths = new HashMap<>(Map.of("Subject", 255, "CallDisposition", 255, "CallObject", 255,
                "Description", 32_000));
        Pattern length = Pattern.compile("<length>(\\d+)</length>");
        try (Stream<Path> fields = Files.list(SalesforceMetadata.SOURCE.resolve("objects/Activity/fields"))) {
            fields.forEach(file -> {
                try {
                    Matcher declared = length.matcher(Files.readString(file));
                    if (declared.find()) {
                        lengths.put(file.getFileName().toString().replace(".field-meta.xml", ""),
                                Integer.parseInt(declared.group(1)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(lengths).containsKey("TCCC_Session_Id__c");
        return lengths;
    }

    static Stream<Long> seeds() {
        return Fuzz.seeds("cdr-mapping", 800);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyAcceptedCdrMapsToFieldsSalesforceTakes(long seed) {
        Fuzz.run(seed, this::check);
    }

    private void check(Fuzz fuzz) throws Exception {
        String json = fuzz.mutate(Fuzz.sample("cdr.json")).toString();
        Cdr cdr;
        try {
            cdr = (Cdr) READER.read(PushAction.CDR, json);
        } catch (PushRejected refused) {
            return;
        }
        if (cdr.sessionId() == null || cdr.sessionId().isBlank()) {
            return; // refused by the intake (SessionId is missing)
        }
        Map<String, Object> task = mapper.fields(new CallParties(cdr, Optional.empty(), Optional.empty()));

        task.forEach((field, value) -> {
            assertThat(value).as("%s of %s", field, json).isInstanceOfAny(String.class, Integer.class, Boolean.class);
            if (value instanceof String text) {
                assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(text)).as("%s is well-formed", field).isTrue();
                assertThat(text.indexOf('\u0000')).as("%s has no NUL", field).isEqualTo(-1);
            }
        });
        LENGTHS.forEach((field, max) -> assertThat((String) task.get(field)).as("%s of %s", field, json)
                .satisfiesAnyOf(text -> assertThat(text).isNull(), text -> assertThat(text).hasSizeLessThanOrEqualTo(max)));
        PICKLISTS.forEach((field, values) -> assertThat(task.get(field)).as(field).isIn(concat(values)));
        if (task.get("CallDurationInSeconds") != null) {
            assertThat((Integer) task.get("CallDurationInSeconds")).isNotNegative();
        }
        if (task.get("ActivityDate") != null) {
            assertThat(LocalDate.parse((String) task.get("ActivityDate"))).as("ActivityDate of %s", json)
                    .isBetween(FIRST_DATE, LAST_DATE);
        }
    }

    private static Object[] concat(Set<String> values) {
        Object[] allowed = new Object[values.size() + 1];
        int i = 0;
        for (String value : values) {
            allowed[i++] = value;
        }
        allowed[i] = null;
        return allowed;
    }
}
