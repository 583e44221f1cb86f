package dev.tcccbridge.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcccbridge.testing.Fuzz;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Property: whatever Desk (or anyone) sends to the callback endpoint, its intake reads a callback
 * or refuses it with a Desk error; never another exception. Bodies are the request shapes of
 * Desk's callback pages, mutated; query strings are mangled ({@link Fuzz}).
 */
class DeskIntakeFuzzTest {

    static final DeskIntake INTAKE = new DeskIntake(new Binder(new MapConfigurationPropertySource(Map.of(
            "bridge.desk.sdk-app-id", "1400000001", "bridge.desk.allow-unsigned", "true")))
            .bindOrCreate("bridge.desk", DeskProperties.class), null, new ObjectMapper(), Clock.systemUTC());
    static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Long> seeds() {
        return Fuzz.seeds("desk-intake", 600);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aCallbackIsReadOrRefusedWithADeskErrorNeverAnythingElse(long seed) {
        Fuzz.run(seed, this::check);
    }

    private void check(Fuzz fuzz) throws Exception {
        boolean assign = fuzz.chance(0.5);
        ObjectNode sample = (ObjectNode) JSON.readTree(assign
                ? "{\"SessionId\":\"a1b2c3\",\"ClientUserId\":\"user-9\",\"EventTime\":1700000000}"
                : "{\"Body\":{\"SystemClientUserID\":\"user-9\",\"SystemSessionID\":\"a1b2c3\",\"Phone\":\"13800000000\"},"
                        + "\"EventTime\":1700000000}");
        String command = fuzz.chance(0.9) ? (assign ? "ChatBot.OnAssignHuman" : "Chatbot.InterfaceInvocation")
                : fuzz.unicode(20);
        String sdkAppId = fuzz.chance(0.9) ? "1400000001" : fuzz.oneOf(List.of("", "1400000002", fuzz.unicode(10)));
        String query = "SdkAppid=" + param(fuzz, sdkAppId) + "&CallbackCommand=" + param(fuzz, command)
                + "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=" + param(fuzz, fuzz.unicode(6));
        if (fuzz.chance(0.2)) {
            query = fuzz.oneOf(List.of(query + "&SdkAppid=1400000002", query.toLowerCase(), "&&=" + query,
                    query + "&%zz=%", query.replace("=", "==")));
        }
        byte[] body = fuzz.mutatedText(sample).getBytes(StandardCharsets.UTF_8);

        try {
            DeskCallback callback = INTAKE.read("POST", query, body);
            assertThat(callback.command()).isNotNull();
        } catch (DeskRefused refused) {
            assertThat(refused.error().httpStatus()).as("%s", refused.getMessage()).isBetween(400, 499);
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    /** The value percent-encoded, or now and then as it is (raw Unicode, stray %). */
    private static String param(Fuzz fuzz, String value) {
        return fuzz.chance(0.8) ? URLEncoder.encode(value, StandardCharsets.UTF_8) : value;
    }
}
