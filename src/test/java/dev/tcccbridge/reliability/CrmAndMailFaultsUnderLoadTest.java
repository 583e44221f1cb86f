package dev.tcccbridge.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.tcccbridge.testing.PushLoad;
import dev.tcccbridge.testing.SalesforceRecords;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Salesforce and SMTP faults under load: connections reset, answers after 10 s, 503, an
 * expired session; an SMTP server whose connection drops after DATA. Slow (a minute or two):
 * run with {@code mvn -Preliability verify}.
 */
@Tag("reliability")
class CrmAndMailFaultsUnderLoadTest extends FaultsUnderLoad {

    @Test
    void salesforceResetsConnectionsAnswersSlowlyAnswers503AndExpiresTheSession() throws Exception {
        PushLoad load = PushLoad.start("http://localhost:" + port, "sf-faults", SENDERS, PAUSE);
        long resets;
        long unavailable;
        long expired;
        long slow;
        try (load) {
            Thread.sleep(1_500);
            expired = during(Duration.ofSeconds(3), aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                    .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"));
            resets = during(Duration.ofSeconds(3), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
            unavailable = during(Duration.ofSeconds(3), aResponse().withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody("[{\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"down for maintenance\"}]"));
            // last: the records are written, but answered after 10 s (the workers wait meanwhile)
            slow = during(Duration.ofSeconds(3), aResponse().withTransformers(SalesforceRecords.NAME).withFixedDelay(10_000));
            Thread.sleep(1_500);
        }
        long[] hits = {resets, unavailable, expired, slow};
        assertOutcome("Salesforce: expired session, resets, 503, 10 s answers (3 s each)", load,
                () -> hits[0] + " resets, " + hits[1] + " 503, " + hits[2] + " 401 expired session, " + hits[3]
                        + " answered after 10 s");
        assertThat(resets).as("connections reset").isPositive();
        assertThat(unavailable).as("503 answers").isPositive();
        assertThat(expired).as("expired sessions").isPositive();
        assertThat(slow).as("slow answers").isPositive();
    }

    @Test
    void smtpServerDropsTheConnectionAfterData() throws Exception {
        PushLoad load = PushLoad.start("http://localhost:" + port, "smtp-drop", SENDERS, PAUSE);
        try (load) {
            Thread.sleep(1_500);
            SMTP_PROXY.dropAfterClientSends("DATA\r\n", 15);
            Thread.sleep(6_000);
        }
        assertOutcome("SMTP: connection dropped after DATA (15 times)", load,
                () -> SMTP_PROXY.droppedCount() + " mail connections dropped mid-message");
        assertThat(SMTP_PROXY.droppedCount()).as("mails were cut off mid-message").isPositive();
    }
}
