package dev.tcccbridge.tccc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class PushIntakeTest {

    private final PushIntake intake = intake(null);

    private static PushIntake intake(Long sdkAppId) {
        return new PushIntake(new PushReader(new ObjectMapper()),
                new TcccProperties(sdkAppId, new TcccProperties.Push("/tccc/push", DataSize.ofMegabytes(1), java.util.List.of(), java.util.List.of())));
    }

    private PushEnvelope parse(String action, String json) {
        return intake.parse("POST", action, "1", "push-1", json.getBytes(StandardCharsets.UTF_8));
    }

    private static String example(String name) throws IOException {
        return Files.readString(Path.of("examples", name + ".json"));
    }

    @Test
    void readsEveryFieldOfTheVendorCdrSample() throws IOException {
        Cdr cdr = (Cdr) parse("cdr", example("cdr")).payload();

        assertThat(cdr.sdkAppId()).isEqualTo(1400482256L);
        assertThat(cdr.sessionId()).isEqualTo("99a1c8f8-eb3d-4xxx-8401-5f6aa8761232");
        assertThat(cdr.direction()).isEqualTo(1);
        assertThat(cdr.inbound()).isFalse();
        assertThat(cdr.customerNumber()).isEqualTo("0086184xxxx7605");
        assertThat(cdr.seatUser().mail()).isEqualTo("zhangsan@tencent.com");
        assertThat(cdr.seatUser().staffNumber()).isEqualTo("8546");
        assertThat(cdr.seatUser().skillGroupNameList()).containsExactly("Outbound Consultant");
        assertThat(cdr.ringTimestamp()).isEqualTo(1677140072L);
        assertThat(cdr.ivrKeyPressed()).isEmpty();
        assertThat(cdr.ivrKeyPressedEx()).isEmpty();
        assertThat(cdr.postIvrKeyPressed()).isEmpty();
        assertThat(cdr.hungUpSide()).isEqualTo("seat");
        assertThat(cdr.serveParticipants()).singleElement().satisfies(p -> {
            assertThat(p.recordId()).isEqualTo("dbe87035-019c-4xxx-bf4f-c29701ad315d");
            assertThat(p.type()).isEqualTo("miniProgramSeat");
            assertThat(p.skillGroupId()).isEqualTo(2734L);
            assertThat(p.sequence()).isZero();
            assertThat(p.endStatusString()).isEqualTo("ok");
        });
        assertThat(cdr.endStatusString()).isEqualTo("numberNotExist");
        assertThat(cdr.queuedSkillGroupId()).isEqualTo(2734L);
        assertThat(cdr.queuedSkillGroupName()).isEqualTo("Outbound Consultant");
        assertThat(cdr.recordId()).isEqualTo("f65472d9-400a-4xxx-a51f-a49a55dab99a");
        assertThat(cdr.uui()).isEqualTo("abc");
        assertThat(cdr.telLocation().city()).isEqualTo("Anshun");
        assertThat(cdr.telLocation().operator()).isEqualTo("Mobile");
    }

    @Test
    void zeroTimestampsMeanTheMomentNeverCame() throws IOException {
        Cdr cdr = (Cdr) parse("cdr", example("cdr")).payload();

        assertThat(Timestamps.instant(cdr.acceptTimestamp())).isEmpty();
        assertThat(Timestamps.instant(cdr.queuedTimestamp())).isEmpty();
        assertThat(Timestamps.instant(null)).isEmpty();
        assertThat(Timestamps.instant(cdr.startTimestamp())).hasValueSatisfying(
                t -> assertThat(t.toString()).isEqualTo("2023-02-23T08:14:28Z"));
    }

    @Test
    void idsWithANulOrBrokenUtf16AreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> parse("cdr", "{\"SessionId\":\"a\\u0000b\"}"))
                .isInstanceOfSatisfying(PushRejected.class, e -> assertThat(e.error()).isEqualTo(PushError.INVALID_FIELD))
                .hasMessage("SessionId contains a NUL or broken UTF-16");
        assertThatThrownBy(() -> parse("record", "{\"SessionId\":\"s-1\",\"RecordId\":\"r\\ud800\",\"RecordURL\":\"http://x\"}"))
                .hasMessage("RecordId contains a NUL or broken UTF-16");
        assertThatThrownBy(() -> intake.parse("POST", "cdr", "1", "id\u0000tail",
                "{\"SessionId\":\"s-1\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(PushRejected.class, e -> assertThat(e.error()).isEqualTo(PushError.BAD_PUSH_ID));
        // a pair of surrogates is one character (an emoji), not broken UTF-16
        assertThat(parse("cdr", "{\"SessionId\":\"call-\\ud83d\\ude00\"}").payload().sessionId()).isEqualTo("call-\ud83d\ude00");
    }

    @Test
    void timestampsPastTheLastDaySalesforceStoresAreNoMoment() {
        assertThat(Timestamps.instant(Long.MAX_VALUE)).isEmpty();
        assertThat(Timestamps.instant(1_677_140_068_000L)).as("milliseconds sent for seconds").isEmpty();
        assertThat(Timestamps.instant(32_535_215_999L)).isPresent(); // 3000-12-31
    }

    @Test
    void readsTheRecordingAndVoicemailSamples() throws IOException {
        PushEnvelope record = parse("record", example("record"));
        Recording recording = (Recording) record.payload();
        assertThat(record.recordId()).isEqualTo("1608130650");
        assertThat(recording.endpointUser()).isEqualTo("lululing@tencent.com");
        assertThat(recording.agentSide()).isTrue();
        assertThat(recording.bestUrl()).isEqualTo("http://recorder-10018504.cos.ap-shanghai.myqcloud.com/def/month12");

        Voicemail voicemail = (Voicemail) parse("voicemail", example("voicemail")).payload();
        assertThat(voicemail.endpointUser()).as("a JSON number where the vendor documents text").isEqualTo("13123456789");
        assertThat(voicemail.timestamp()).isEqualTo(1608130650L);
    }

    @Test
    void toleratesUnknownFieldsNullsNumericStringsAndOtherLetterCase() {
        Cdr cdr = (Cdr) parse("cdr", """
                {"sessionid":"s-1","SdkAppId":"1400482256","Duration":"42","Direction":"0",
                 "SeatUser":null,"ServeParticipants":null,"IVRKeyPressed":[1,2],
                 "QueuedSkillGroupID":7,"NewVendorField":{"nested":[1,2,3]}}""").payload();

        assertThat(cdr.sessionId()).isEqualTo("s-1");
        assertThat(cdr.sdkAppId()).isEqualTo(1400482256L);
        assertThat(cdr.duration()).isEqualTo(42L);
        assertThat(cdr.inbound()).isTrue();
        assertThat(cdr.seatUser()).isNull();
        assertThat(cdr.serveParticipants()).isEmpty();
        assertThat(cdr.ivrKeyPressed()).containsExactly("1", "2");
        assertThat(cdr.queuedSkillGroupId()).isEqualTo(7L);
    }

    @Test
    void keepsTheBodyExactlyAsReceivedIncludingChineseText() {
        String json = "{\"SessionId\":\"s-2\",\"SeatUser\":{\"Name\":\"张三\"},\"QueuedSkillGroupName\":\"售后服务\"}";
        PushEnvelope push = parse("cdr", json);

        assertThat(push.json()).isEqualTo(json);
        assertThat(((Cdr) push.payload()).seatUser().name()).isEqualTo("张三");
    }

    @Test
    void prefersTheCustomersOwnRecordingCopy() {
        Recording recording = (Recording) parse("record", """
                {"SessionId":"s","RecordId":"r","EndpointUser":"008613123456789",
                 "RecordURL":"https://tccc/r.mp3","CustomRecordURL":"https://cos.example/r.mp3"}""").payload();

        assertThat(recording.bestUrl()).isEqualTo("https://cos.example/r.mp3");
        assertThat(recording.agentSide()).isFalse();
    }

    @Test
    void pushIdIsTheSendersUuidElseAHashOfActionAndBody() {
        byte[] body = "{\"SessionId\":\"s\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(PushIntake.pushId(PushAction.CDR, " uuid-1 ", body)).isEqualTo("uuid-1");
        assertThat(PushIntake.pushId(PushAction.CDR, null, body))
                .startsWith("sha256:")
                .hasSize(71)
                .isEqualTo(PushIntake.pushId(PushAction.CDR, "", body))
                .isNotEqualTo(PushIntake.pushId(PushAction.VOICEMAIL, null, body))
                .isNotEqualTo(PushIntake.pushId(PushAction.CDR, null, "{\"SessionId\":\"t\"}".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> PushIntake.pushId(PushAction.CDR, "x".repeat(101), body))
                .isInstanceOfSatisfying(PushRejected.class, e -> assertThat(e.error()).isEqualTo(PushError.BAD_PUSH_ID));
    }

    @Test
    void namesTheProblemOfEveryRefusedPush() {
        assertRejected("cdr", "{\"SessionId\":\"s\",\"Duration\":\"abc\"}", PushError.INVALID_FIELD, "Duration");
        assertRejected("cdr", "{\"SessionId\":\"s\",\"ServeParticipants\":[{\"RingTimestamp\":{}}]}",
                PushError.INVALID_FIELD, "ServeParticipants[0].RingTimestamp");
        assertRejected("cdr", "{\"SessionId\":\"s\",\"SeatUser\":\"agent\"}", PushError.INVALID_FIELD, "SeatUser");
        assertRejected("cdr", "{\"SessionId\":", PushError.MALFORMED_JSON, "malformed JSON");
        assertRejected("cdr", "{\"SessionId\":\"s\"} {}", PushError.MALFORMED_JSON, "more content after");
        assertRejected("cdr", "[1,2]", PushError.INVALID_FIELD, "JSON object");
        assertRejected("cdr", "null", PushError.MALFORMED_JSON, "JSON null");
        assertRejected("cdr", "", PushError.MALFORMED_JSON, "empty");
        assertRejected("cdr", "{\"Caller\":\"1\"}", PushError.MISSING_FIELD, "SessionId");
        assertRejected("cdr", "{\"SessionId\":\"  \"}", PushError.MISSING_FIELD, "SessionId");
        assertRejected("cdr", "{\"SessionId\":\"" + "s".repeat(55) + "\"}", PushError.INVALID_FIELD, "SessionId");
        assertRejected("record", "{\"SessionId\":\"s\",\"RecordURL\":\"u\"}", PushError.MISSING_FIELD, "RecordId");
        assertRejected("record", "{\"SessionId\":\"s\",\"RecordId\":\"r\"}", PushError.MISSING_FIELD, "RecordURL");
        assertRejected("voicemail", "{\"SessionId\":\"s\"}", PushError.MISSING_FIELD, "RecordURL");
        assertRejected("agent", "{\"SessionId\":\"s\"}", PushError.UNKNOWN_ACTION, "cdr, record, voicemail");
        assertRejected(null, "{\"SessionId\":\"s\"}", PushError.UNKNOWN_ACTION, "unknown action");
    }

    @Test
    void aMissingVersionOrVersion1IsReadAndAnyOtherIsRefusedBeforeTheBody() throws IOException {
        byte[] cdr = example("cdr").getBytes(StandardCharsets.UTF_8);

        for (String version : new String[] {null, "", "1", " 1 "}) {
            assertThat(intake.parse("POST", "cdr", version, null, cdr).version()).as("[%s]", version).isEqualTo(1);
        }
        for (String version : new String[] {"2", "1.1", "01", "v1", "x".repeat(200)}) {
            assertThatThrownBy(() -> intake.parse("POST", "cdr", version, null, "{not json".getBytes()))
                    .isInstanceOfSatisfying(PushRejected.class, e -> {
                        assertThat(e.error()).isEqualTo(PushError.UNSUPPORTED_VERSION);
                        assertThat(e.getMessage()).contains("is not supported").hasSizeLessThan(120);
                    });
        }
    }

    @Test
    void refusesBodiesThatAreNotUtf8() {
        byte[] latin1 = "{\"SessionId\":\"s\",\"Caller\":\"M\u00fcller\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> intake.parse("POST", "cdr", null, null, latin1))
                .isInstanceOfSatisfying(PushRejected.class, e -> {
                    assertThat(e.error()).isEqualTo(PushError.MALFORMED_JSON);
                    assertThat(e.getMessage()).contains("UTF-8");
                });
    }

    @Test
    void refusesOtherMethodsThanPost() {
        assertThatThrownBy(() -> intake.parse("GET", "cdr", null, null, new byte[0]))
                .isInstanceOfSatisfying(PushRejected.class,
                        e -> assertThat(e.error()).isEqualTo(PushError.METHOD_NOT_ALLOWED));
    }

    @Test
    void refusesAnotherContactCentresPushWhenTheSdkAppIdIsConfigured() {
        PushIntake strict = intake(1400264214L);
        byte[] ours = "{\"SdkAppId\":1400264214,\"SessionId\":\"s\"}".getBytes(StandardCharsets.UTF_8);
        byte[] theirs = "{\"SdkAppId\":1400000001,\"SessionId\":\"s\"}".getBytes(StandardCharsets.UTF_8);
        byte[] none = "{\"SessionId\":\"s\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(strict.parse("POST", "cdr", null, null, ours).payload().sdkAppId()).isEqualTo(1400264214L);
        for (byte[] body : new byte[][] {theirs, none}) {
            assertThatThrownBy(() -> strict.parse("POST", "cdr", null, null, body))
                    .isInstanceOfSatisfying(PushRejected.class,
                            e -> assertThat(e.error()).isEqualTo(PushError.WRONG_SDK_APP_ID));
        }
    }

    private void assertRejected(String action, String json, PushError error, String messagePart) {
        assertThatThrownBy(() -> parse(action, json))
                .as("%s %s", action, json)
                .isInstanceOfSatisfying(PushRejected.class, e -> {
                    assertThat(e.error()).isEqualTo(error);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }
}
