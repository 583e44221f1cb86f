package dev.tcccbridge.tccc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcccbridge.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.unit.DataSize;

/**
 * Property: whatever TCCC (or anyone) pushes, the push reader either makes a push the inbox can
 * store and delivery can read again, or refuses it with a vendor error that names the problem;
 * never another exception. Payloads are the vendor's samples, mutated ({@link Fuzz}).
 */
class PushIntakeFuzzTest {

    static final PushReader READER = new PushReader(new ObjectMapper());
    static final PushIntake INTAKE = new PushIntake(READER, new TcccProperties(null,
            new TcccProperties.Push("/tccc/push", DataSize.ofMegabytes(1), List.of(), List.of())));
    static final List<String> ACTIONS = List.of("cdr", "record", "voicemail");
    static final List<PushError> REFUSALS = List.of(PushError.MALFORMED_JSON, PushError.INVALID_FIELD,
            PushError.MISSING_FIELD, PushError.BAD_PUSH_ID, PushError.UNKNOWN_ACTION, PushError.UNSUPPORTED_VERSION);

    static Stream<Long> seeds() {
        return Fuzz.seeds("push-intake", 600);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aPushIsStoredOrRefusedWithAReasonNeverAnythingElse(long seed) {
        Fuzz.run(seed, this::check);
    }

    private void check(Fuzz fuzz) throws Exception {
        String action = fuzz.chance(0.97) ? fuzz.oneOf(ACTIONS) : fuzz.unicode(8);
        ObjectNode sample = Fuzz.sample((ACTIONS.contains(action) ? action : "cdr") + ".json");
        String json = fuzz.mutatedText(sample);
        String pushUuid = switch (fuzz.between(0, 5)) {
            case 0 -> null;
            case 1 -> fuzz.unicode(120);
            default -> "push-" + fuzz.seed();
        };
        String version = fuzz.chance(0.9) ? (action.equals("voicemail") ? null : "1") : fuzz.unicode(4);
        byte[] body = fuzz.chance(0.05) ? new byte[] {(byte) 0xC3, (byte) 0x28, '{', '}'}
                : json.getBytes(StandardCharsets.UTF_8);

        PushEnvelope push;
        try {
            push = INTAKE.parse("POST", action, version, pushUuid, body);
        } catch (PushRejected refused) {
            assertThat(REFUSALS).as("refusal of %s", json).contains(refused.error());
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(push.pushId()).hasSizeLessThanOrEqualTo(PushIds.MAX_LENGTH);
        assertStorable(push.pushId(), "push id");
        assertThat(push.payload().sessionId()).isNotBlank().hasSizeLessThanOrEqualTo(PushIntake.MAX_SESSION_ID_LENGTH);
        assertStorable(push.payload().sessionId(), "SessionId");
        if (push.payload() instanceof Recording recording) {
            assertStorable(recording.recordId(), "RecordId");
        }
        // delivery reads the stored JSON again with the same reader
        TcccPush again = READER.read(push.payload().action(), push.json());
        assertThat(again.sessionId()).isEqualTo(push.payload().sessionId());
    }

    /** An id goes into VARCHAR columns and Salesforce: no NUL (PostgreSQL refuses it), no broken UTF-16. */
    static void assertStorable(String id, String what) {
        assertThat(id.indexOf('\u0000')).as("%s %s has no NUL", what, id.replace("\u0000", "\\0")).isEqualTo(-1);
        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(id)).as("%s is well-formed UTF-16", what).isTrue();
    }
}
