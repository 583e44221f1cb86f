package dev.tcccbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcccbridge.tccc.Cdr;
import dev.tcccbridge.tccc.PushAction;
import dev.tcccbridge.tccc.PushEnvelope;
import dev.tcccbridge.tccc.PushReader;
import dev.tcccbridge.tccc.Recording;
import dev.tcccbridge.tccc.Voicemail;
import dev.tcccbridge.testing.CdrJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A DescribeTelCdr item → the cdr, record and voicemail pushes TCCC would have made. */
class TelCdrPushesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long SDK_APP_ID = 1400000000L;

    private final PushReader reader = new PushReader(JSON);
    private final TelCdrPushes pushes = new TelCdrPushes(reader, JSON, SDK_APP_ID);
    private final ReconcileProgress run = new ReconcileProgress(new CdrWindow(0, 10), 1677140100L);

    @Test
    void aCallWithoutRecordingsIsItsCdrAlone() throws Exception {
        ObjectNode item = item("s-1");

        List<PushEnvelope> fed = pushes.of(List.of(item), run);

        assertThat(fed).extracting(PushEnvelope::pushId).containsExactly("reconcile:cdr:s-1");
        Cdr cdr = (Cdr) fed.get(0).payload();
        assertThat(cdr.sdkAppId()).as("added where the item lacks it").isEqualTo(SDK_APP_ID);
        assertThat(reader.read(PushAction.CDR, fed.get(0).json())).isEqualTo(cdr);
    }

    @Test
    void eachSidesRecordingAndEachVoicemailBecomeAPushOfTheirOwn() throws Exception {
        ObjectNode item = item("s-1")
                .put("RecordId", "r-customer").put("RecordURL", "https://tccc.example/customer.mp3")
                .put("CustomRecordURL", "");
        ObjectNode agent = (ObjectNode) item.get("ServeParticipants").get(0);
        agent.put("RecordId", "r-agent").put("RecordURL", "").put("CustomRecordURL", "https://cos.example/agent.mp3")
                .put("EndedTimestamp", 1677140070L);
        // a participant without a link (no recording of that side) and one without an id
        item.withArray("ServeParticipants").addObject().put("Mail", "lisi@tencent.com").put("RecordId", "r-none");
        item.withArray("ServeParticipants").addObject().put("Phone", "008613800000000")
                .put("RecordURL", "https://tccc.example/no-id.mp3");
        item.putArray("VoicemailRecordURL").add("https://tccc.example/vm-1.mp3").add(" ").add("https://tccc.example/vm-2.mp3");

        List<PushEnvelope> fed = pushes.of(List.of(item), run);

        assertThat(fed).extracting(PushEnvelope::pushId).containsExactly("reconcile:cdr:s-1",
                "reconcile:record:r-customer", "reconcile:record:r-agent", "reconcile:voicemail:s-1",
                "reconcile:voicemail:s-1#2");
        Recording customer = (Recording) reader.read(PushAction.RECORD, fed.get(1).json());
        assertThat(customer).isEqualTo(new Recording(SDK_APP_ID, "r-customer", "s-1", 1677140081L, "0086184xxxx7605",
                "https://tccc.example/customer.mp3", null));
        assertThat(fed.get(1).recordId()).isEqualTo("r-customer");
        Recording agentSide = (Recording) reader.read(PushAction.RECORD, fed.get(2).json());
        assertThat(agentSide).isEqualTo(new Recording(SDK_APP_ID, "r-agent", "s-1", 1677140070L, "zhangsan@tencent.com",
                null, "https://cos.example/agent.mp3"));
        assertThat(reader.read(PushAction.VOICEMAIL, fed.get(4).json())).isEqualTo(
                new Voicemail(SDK_APP_ID, "s-1", 1677140081L, "https://tccc.example/vm-2.mp3", "0086184xxxx7605"));
    }

    @Test
    void aSingleVoicemailLinkAsTextCountsToo() throws Exception {
        ObjectNode item = item("s-1").put("voicemailrecordurl", "https://tccc.example/vm.mp3");

        assertThat(pushes.of(List.of(item), run)).extracting(PushEnvelope::pushId)
                .containsExactly("reconcile:cdr:s-1", "reconcile:voicemail:s-1");
    }

    @Test
    void unreadableItemsAndCallsThatEndedWithinTheGraceTimeAreCountedAndLeftOut() throws Exception {
        ObjectNode wrongType = item("s-bad").put("Duration", "forever");
        ObjectNode noSession = item("s-none");
        noSession.remove("SessionId");
        ObjectNode tooLong = item("s".repeat(55));
        ObjectNode recent = item("s-recent").put("EndedTimestamp", 1677140101L)
                .put("RecordId", "r-recent").put("RecordURL", "https://tccc.example/recent.mp3");
        List<JsonNode> items = List.of(wrongType, noSession, tooLong, JSON.getNodeFactory().textNode("x"), recent,
                item("s-good"));

        List<PushEnvelope> fed = pushes.of(items, run);

        assertThat(fed).extracting(PushEnvelope::sessionId).containsExactly("s-good");
        assertThat(run.run(ReconcileRun.DONE, null)).extracting("seen", "unreadable", "recent").containsExactly(6, 4, 1);
    }

    @Test
    void idsTooLongForAKeyAreHashedIntoOne() throws Exception {
        String longRecordId = "r".repeat(120);
        ObjectNode item = item("s-1").put("RecordId", longRecordId).put("RecordURL", "https://tccc.example/r.mp3");

        PushEnvelope recording = pushes.of(List.of(item), run).get(1);

        assertThat(recording.pushId()).startsWith("reconcile:record:sha256:").hasSizeLessThanOrEqualTo(100);
        assertThat(recording.recordId()).isEqualTo(longRecordId);
        assertThat(pushes.of(List.of(item("s-1").put("RecordId", longRecordId)
                .put("RecordURL", "https://tccc.example/r.mp3")), run).get(1).pushId()).isEqualTo(recording.pushId());
    }

    /** A TelCdrInfo item: the push sample's fields without SdkAppId (the API lists them so). */
    private static ObjectNode item(String sessionId) throws Exception {
        ObjectNode item = (ObjectNode) JSON.readTree(CdrJson.sample().session(sessionId).json());
        item.remove("SdkAppId");
        item.remove("RecordId");
        ((ObjectNode) item.get("ServeParticipants").get(0)).remove("RecordId");
        return item;
    }
}
