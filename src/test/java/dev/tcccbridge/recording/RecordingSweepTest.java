package dev.tcccbridge.recording;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.RecordJson;
import dev.tcccbridge.testing.SalesforceBridgeTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The archive sweep with bridge.recording.archive off: a delivered recording whose link is older
 * than bridge.recording.archive-before becomes a Salesforce File on its Task (real camel-salesforce
 * against the Salesforce stub, the audio from a local server standing in for TCCC's storage), and
 * the Task then names the File; an expired link is reported and never fetched. Sweeps are started
 * by the test, and retention by its admin endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.recording.archive=false",
        "bridge.recording.max-bytes=64KB",
        "bridge.recording.download-timeout=2s",
        "bridge.recording.sweep.per-minute=600",
        "bridge.download.allowed-hosts=localhost",
        "bridge.download.allowed-addresses=127.0.0.0/8,::1"})
@ExtendWith(OutputCaptureExtension.class)
class RecordingSweepTest extends SalesforceBridgeTest {

    static final WireMockServer AUDIO = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final String FIELD = "TCCC_Recordings__c";

    static {
        AUDIO.start();
    }

    @AfterAll
    static void stop() {
        AUDIO.stop();
    }

    @Autowired
    ProducerTemplate camel;

    @BeforeEach
    void setUp() {
        AUDIO.resetAll();
        jdbc.update("DELETE FROM recording_sweep");
    }

    @Test
    void aRecordingWhoseLinkIsAboutToExpireBecomesAFileOnItsTaskWhichThenNamesTheFile(CapturedOutput log) {
        String session = UUID.randomUUID().toString();
        byte[] audio = RecordingArchiveTest.audio(20 * 1024, 7);
        AUDIO.stubFor(get(urlPathEqualTo("/" + session + "/old.mp3"))
                .willReturn(aResponse().withHeader("Content-Type", "audio/mpeg").withBody(audio)));
        deliver("cdr", "cdr-" + session, CdrJson.sample().session(session).json());
        // made 80 days ago, delivered then with its link only (archiving was off)
        deliver("record", "old-" + session, recording(session, "r-old", daysAgo(80), "/old.mp3", null));
        backdate("old-" + session, 80);
        String taskId = (String) SALESFORCE.records().get("Task", session).get("Id");
        assertThat(SALESFORCE.records().get("Task", session).get(FIELD)).asString().contains("/old.mp3");
        assertThat(SALESFORCE.records().all("ContentVersion")).isEmpty();

        sweep();

        await().atMost(Duration.ofSeconds(20)).until(() -> !SALESFORCE.records().all("ContentVersion").isEmpty()
                && "DONE".equals(bridge.inboxRow("old-" + session).get("status")));
        List<Map<String, Object>> files = SALESFORCE.records().all("ContentVersion");
        assertThat(files).hasSize(1);
        assertThat(files.get(0)).containsEntry("FirstPublishLocationId", taskId);
        assertThat(Base64.getDecoder().decode((String) files.get(0).get("VersionData"))).isEqualTo(audio);
        assertThat(SALESFORCE.records().get("Task", session).get(FIELD))
                .isEqualTo("Customer +86 184 8614 7605: Salesforce File " + files.get(0).get("Id"));
        assertThat(jdbc.queryForObject("SELECT outcome FROM recording_sweep WHERE record_id = ?", String.class,
                "r-old-" + session)).isEqualTo(RecordingSweeps.QUEUED);
        assertThat(log.getAll()).contains("archive sweep: recording r-old-" + session);

        // swept once: the next sweep finds nothing to do
        sweep();
        assertThat(SALESFORCE.records().all("ContentVersion")).hasSize(1);
        AUDIO.verify(1, getRequestedFor(urlPathEqualTo("/" + session + "/old.mp3")));
    }

    @Test
    void anExpiredLinkIsReportedAndNeverFetchedAndYoungOrOwnStorageRecordingsAreLeft(CapturedOutput log) {
        String session = UUID.randomUUID().toString();
        deliver("cdr", "cdr-" + session, CdrJson.sample().session(session).json());
        deliver("record", "expired-" + session, recording(session, "r-expired", daysAgo(95), "/expired.mp3", null));
        backdate("expired-" + session, 95);
        deliver("record", "own-" + session, recording(session, "r-own", daysAgo(80), "/own.mp3",
                "https://cos.example/" + session + "/own.mp3"));
        backdate("own-" + session, 80);
        deliver("record", "young-" + session, recording(session, "r-young", daysAgo(10), "/young.mp3", null));
        backdate("young-" + session, 10);

        sweep();

        assertThat(jdbc.queryForList("SELECT record_id || '=' || outcome FROM recording_sweep ORDER BY record_id",
                String.class)).containsExactly("r-expired-" + session + "=EXPIRED", "r-own-" + session + "=OWN_STORAGE");
        assertThat(log.getAll()).contains("recording r-expired-" + session + " of session " + session)
                .contains("its TCCC link has expired");
        assertThat(AUDIO.getAllServeEvents()).isEmpty();
        assertThat(bridge.inboxRow("expired-" + session)).containsEntry("status", "DONE");
        assertThat(SALESFORCE.records().all("ContentVersion")).isEmpty();
    }

    @Test
    void retentionRunByAnOperatorDeletesOldDeliveredRowsButKeepsRecordingsTheSweepHasNotSeen() {
        String session = UUID.randomUUID().toString();
        deliver("cdr", "cdr-" + session, CdrJson.sample().session(session).json());
        deliver("record", "unswept-" + session, recording(session, "r-unswept", daysAgo(40), "/r.mp3", null));
        backdate("cdr-" + session, 40);
        backdate("unswept-" + session, 40);

        var answer = bridge.admin("POST", "/admin/retention");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        // (the class's other tests leave old rows too)
        assertThat(answer.body()).contains("\"outcome\":\"done\"").containsPattern("\"delivered\":[1-9]");
        assertThat(bridge.inboxRow("cdr-" + session)).isEmpty();
        assertThat(bridge.inboxRow("unswept-" + session)).containsEntry("status", "DONE");
    }

    private void sweep() {
        camel.sendBody("direct:recording-sweep-run", null);
    }

    private void deliver(String action, String pushId, String json) {
        assertThat(bridge.push(action, pushId, json).statusCode()).isEqualTo(200);
        bridge.awaitStatus(pushId, "DONE");
    }

    /** The row arrived and was delivered {@code days} ago. */
    private void backdate(String pushId, int days) {
        OffsetDateTime then = OffsetDateTime.now(ZoneOffset.UTC).minusDays(days);
        jdbc.update("UPDATE tccc_inbox SET received_at = ?, finished_at = ? WHERE push_id = ?", then, then, pushId);
    }

    private static long daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days)).getEpochSecond();
    }

    private static String recording(String session, String recordId, long timestamp, String path, String customUrl) {
        RecordJson json = RecordJson.of(session, recordId + "-" + session, timestamp, "008618486147605",
                AUDIO.baseUrl() + "/" + session + path);
        return (customUrl == null ? json : json.customUrl(customUrl)).json();
    }
}
