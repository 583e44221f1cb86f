package dev.tcccbridge.recording;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tcccbridge.testing.SalesforceBridgeTest;
import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.RecordJson;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * bridge.recording.archive: each recording's audio, served by a local HTTP server standing in
 * for TCCC's storage, becomes one Salesforce File on the call's Task (real camel-salesforce
 * against the Salesforce stub), once per RecordId. The local server is on loopback, which the
 * download policy refuses unless an operator allows it: these tests allow it explicitly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.recording.archive=true",
        "bridge.download.allowed-hosts=localhost",
        "bridge.download.allowed-addresses=127.0.0.0/8,::1",
        "bridge.recording.max-bytes=64KB",
        "bridge.recording.download-timeout=2s",
        // a failing download is dead after a few quick retries
        "bridge.delivery.retry-window=2s",
        "bridge.delivery.recheck=200ms"})
class RecordingArchiveTest extends SalesforceBridgeTest {

    static final WireMockServer AUDIO = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final String TASK = "Task";
    static final String FILE = "ContentVersion";

    static {
        AUDIO.start();
    }

    @AfterAll
    static void stop() {
        AUDIO.stop();
    }

    @BeforeEach
    void setUp() {
        AUDIO.resetAll();
    }

    @Test
    void eachRecordingBecomesOneFileOnTheTaskAndASecondPushUploadsNothing() {
        String session = UUID.randomUUID().toString();
        byte[] customerAudio = audio(40 * 1024, 1);
        byte[] agentAudio = audio(3 * 1024, 2);
        serve("/" + session + "/customer.mp3", "audio/mpeg", customerAudio);
        serve("/" + session + "/agent", "audio/wav", agentAudio);

        deliver("cdr", "cdr-" + session, CdrJson.sample().session(session).json());
        deliver("record", "customer-" + session, recording(session, "r-1", "008618486147605", "/customer.mp3"));
        deliver("record", "agent-" + session, recording(session, "r-2", "zhangsan@tencent.com", "/agent"));

        String taskId = (String) SALESFORCE.records().get(TASK, session).get("Id");
        List<Map<String, Object>> files = SALESFORCE.records().all(FILE);
        assertThat(files).hasSize(2).allSatisfy(file -> assertThat(file).containsEntry("FirstPublishLocationId", taskId));
        Map<String, Object> customer = file(files, "customer.mp3");
        assertThat(customer).containsEntry("Title", "Call recording, Customer +86 184 8614 7605");
        assertThat((String) customer.get("Description")).contains("r-1-" + session, session, "/customer.mp3");
        assertThat(Base64.getDecoder().decode((String) customer.get("VersionData"))).isEqualTo(customerAudio);
        Map<String, Object> agent = file(files, "tccc-recording-r-2-" + session + ".wav");
        assertThat(agent).containsEntry("Title", "Call recording, Agent zhangsan@tencent.com");
        assertThat(Base64.getDecoder().decode((String) agent.get("VersionData"))).isEqualTo(agentAudio);
        assertThat(jdbc.queryForList("SELECT content_version_id FROM recording_archive WHERE session_id = ?",
                String.class, session)).containsExactlyInAnyOrder((String) customer.get("Id"), (String) agent.get("Id"));

        // TCCC sends the customer's recording again under another push id: linked again, not uploaded again
        deliver("record", "customer-again-" + session, recording(session, "r-1", "008618486147605", "/customer.mp3"));

        assertThat(SALESFORCE.records().all(FILE)).hasSize(2);
        SALESFORCE.server().verify(2, postRequestedFor(urlPathEqualTo(SALESFORCE.dataPath() + "/sobjects/ContentVersion")));
        AUDIO.verify(1, getRequestedFor(urlPathEqualTo("/" + session + "/customer.mp3")));
    }

    @Test
    void oversizedRecordingIsDeadAtOnceWithTheReasonAndItsLinkStays() {
        String session = UUID.randomUUID().toString();
        serve("/" + session + "/long.mp3", "audio/mpeg", audio(64 * 1024 + 1, 3));

        deliver("cdr", "cdr-" + session, CdrJson.sample().session(session).json());
        bridge.push("record", "long-" + session, recording(session, "r-1", "008618486147605", "/long.mp3"));
        Map<String, Object> dead = bridge.awaitStatus("long-" + session, "DEAD");

        assertThat(dead.get("attempts")).isEqualTo(1);
        assertThat((String) dead.get("last_error")).contains("r-1-" + session + " is larger than bridge.recording.max-bytes");
        assertThat(SALESFORCE.records().all(FILE)).isEmpty();
        assertThat((String) SALESFORCE.records().get(TASK, session).get("TCCC_Recordings__c")).contains("/long.mp3");
    }

    @Test
    void webPageInsteadOfAudioIsDeadAtOnce() {
        String session = UUID.randomUUID().toString();
        serve("/" + session + "/expired.mp3", "text/html", "<html>expired</html>".getBytes());

        deliver("cdr", "cdr-" + session, CdrJson.sample().session(session).json());
        bridge.push("record", "page-" + session, recording(session, "r-1", "008618486147605", "/expired.mp3"));

        assertThat((String) bridge.awaitStatus("page-" + session, "DEAD").get("last_error"))
                .contains("the recording server sent text/html, not audio");
    }

    @Test
    void failingDownloadIsRetriedAndThenDeadWithTheReason() {
        String session = UUID.randomUUID().toString();
        AUDIO.stubFor(get(urlPathEqualTo("/" + session + "/broken.mp3")).willReturn(aResponse().withStatus(500)));

        deliver("cdr", "cdr-" + session, CdrJson.sample().session(session).json());
        bridge.push("record", "broken-" + session, recording(session, "r-1", "008618486147605", "/broken.mp3"));
        Map<String, Object> dead = bridge.awaitStatus("broken-" + session, "DEAD");

        assertThat(((Number) dead.get("attempts")).intValue()).isGreaterThan(1);
        assertThat((String) dead.get("last_error")).contains("retry window of PT2S passed")
                .contains("could not be downloaded: the recording server answered HTTP 500");
        assertThat(SALESFORCE.records().all(FILE)).isEmpty();
    }

    @Test
    void linkToAnInternalAddressIsNotFetchedTheRowIsDeadAtOnceAndTheLinkStays() {
        String session = UUID.randomUUID().toString();
        String metadata = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";

        deliver("cdr", "cdr-" + session, CdrJson.sample().session(session).json());
        bridge.push("record", "ssrf-" + session, RecordJson.of(session, "r-1-" + session, 1700000000,
                "008618486147605", metadata).json());
        Map<String, Object> dead = bridge.awaitStatus("ssrf-" + session, "DEAD");

        assertThat(dead.get("attempts")).isEqualTo(1);
        assertThat((String) dead.get("last_error")).contains("not archived: the link is refused: host 169.254.169.254"
                + " is not in bridge.download.allowed-hosts");
        assertThat(SALESFORCE.records().all(FILE)).isEmpty();
        assertThat((String) SALESFORCE.records().get(TASK, session).get("TCCC_Recordings__c")).contains(metadata);
    }

    @Test
    void linkToTheBridgeItselfOnAnotherLoopbackAddressIsRefused() {
        String session = UUID.randomUUID().toString();
        // the operator allowed 127.0.0.0/8 for the local store; the host name is still checked
        String admin = "http://127.0.0.1:" + port + "/admin/inbox/dead";

        deliver("cdr", "cdr-" + session, CdrJson.sample().session(session).json());
        bridge.push("record", "self-" + session, RecordJson.of(session, "r-1-" + session, 1700000000,
                "008618486147605", admin).json());

        assertThat((String) bridge.awaitStatus("self-" + session, "DEAD").get("last_error"))
                .contains("host 127.0.0.1 is not in bridge.download.allowed-hosts");
    }

    private void deliver(String action, String pushId, String json) {
        assertThat(bridge.push(action, pushId, json).statusCode()).isEqualTo(200);
        bridge.awaitStatus(pushId, "DONE");
    }

    private static String recording(String session, String recordId, String endpoint, String path) {
        return RecordJson.of(session, recordId + "-" + session, 1700000000, endpoint, AUDIO.baseUrl() + "/" + session + path)
                .json();
    }

    private static void serve(String path, String contentType, byte[] body) {
        AUDIO.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", contentType)
                .withBody(body)));
    }

    private static Map<String, Object> file(List<Map<String, Object>> files, String pathOnClient) {
        return files.stream().filter(f -> pathOnClient.equals(f.get("PathOnClient"))).findFirst().orElseThrow();
    }

    static byte[] audio(int size, int seed) {
        byte[] audio = new byte[size];
        for (int i = 0; i < size; i++) {
            audio[i] = (byte) (i * 31 + seed);
        }
        return audio;
    }
}
