package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.MovableClock;
import dev.tcccbridge.testing.SalesforceBridgeTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The org's API allowance as Salesforce reports it on every answer: above the share
 * (bridge.crm.salesforce.api.slow-down-at) deliveries are slowed, with the allowance used up
 * (REQUEST_LIMIT_EXCEEDED) they wait for the next full hour; metrics show both. The bridge's
 * clock is moved by the test instead of waiting.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.crm.salesforce.api.slowed-poll-interval=1m"})
// the Prometheus scrape as it is in production (tests have no metrics export otherwise)
@AutoConfigureObservability(tracing = false)
class SalesforceApiBudgetTest extends SalesforceBridgeTest {

    static final MovableClock CLOCK = MovableClock.running();

    @TestConfiguration
    static class MovedClock {
        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    @Autowired
    SalesforceApiAllowance allowance;
    @Autowired
    CamelContext camel;

    @BeforeEach
    void fullSpeed() {
        // past any pause a test left, and a first answer reporting little usage
        CLOCK.advance(Duration.ofHours(1));
        SALESFORCE.apiUsage(10, 5000);
        deliver("primer-" + UUID.randomUUID());
        assertThat(allowance.pace()).isEqualTo(SalesforceApiAllowance.Pace.NORMAL);
    }

    @Test
    void usageAboveTheShareSlowsDeliveriesToOneClaimPerIntervalAndSaysSo() throws Exception {
        SALESFORCE.apiUsage(4490, 5000);
        deliver("first-" + UUID.randomUUID());

        assertThat(allowance.pace()).isEqualTo(SalesforceApiAllowance.Pace.SLOWED);
        String metrics = prometheus();
        assertThat(metrics).contains("bridge_salesforce_api_slowed 1.0")
                .containsPattern("bridge_salesforce_api_usage_ratio 0\\.89\\d*")
                .containsPattern("bridge_salesforce_api_remaining 5\\d\\d\\.0")
                .containsPattern("bridge_salesforce_api_calls_total\\{operation=\"compositeUpsertSObjectCollections\"\\} \\d");
        // the next push waits: polls come and go without claiming it
        String waiting = "waiting-" + UUID.randomUUID();
        push(waiting);
        afterPolls(5);
        assertThat(bridge.inboxRow(waiting)).containsEntry("status", "PENDING").containsEntry("attempts", 0);

        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(bridge.awaitStatus(waiting, "DONE")).containsEntry("attempts", 1);
    }

    @Test
    void limitExceededWaitsForTheNextHourWithoutBurningRetriesAndPausesClaims() throws Exception {
        SALESFORCE.apiUsage(5000, 5000);
        String refused = "refused-" + UUID.randomUUID();
        push(refused);
        await().atMost(Duration.ofSeconds(20)).until(() -> ((Number) bridge.inboxRow(refused)
                .getOrDefault("deferrals", 0)).intValue() == 1);

        Instant nextHour = SalesforceApiAllowance.nextHour(CLOCK.instant());
        Map<String, Object> row = bridge.inboxRow(refused);
        assertThat(row).containsEntry("status", "PENDING").containsEntry("attempts", 1);
        assertThat((String) row.get("last_error")).contains("REQUEST_LIMIT_EXCEEDED").contains(nextHour.toString());
        assertThat(((OffsetDateTime) row.get("next_attempt_at")).toInstant())
                .isBetween(nextHour, nextHour.plusSeconds(1));
        assertThat(allowance.pace()).isEqualTo(SalesforceApiAllowance.Pace.PAUSED);
        assertThat(prometheus()).contains("bridge_salesforce_api_slowed 2.0");
        String later = "later-" + UUID.randomUUID();
        push(later);
        afterPolls(5);
        assertThat(bridge.inboxRow(later)).containsEntry("attempts", 0);

        // the hour has come, and the rolling 24 hours left room again
        SALESFORCE.apiUsage(100, 5000);
        CLOCK.advance(Duration.between(CLOCK.instant(), nextHour));
        assertThat(bridge.awaitStatus(refused, "DONE")).containsEntry("attempts", 2);
        assertThat(bridge.awaitStatus(later, "DONE")).containsEntry("attempts", 1);
        assertThat(allowance.pace()).isEqualTo(SalesforceApiAllowance.Pace.NORMAL);
    }

    private void deliver(String pushId) {
        push(pushId);
        bridge.awaitStatus(pushId, "DONE");
    }

    private void push(String pushId) {
        assertThat(bridge.push("cdr", pushId, CdrJson.sample().session(pushId).json()).statusCode()).isEqualTo(200);
    }

    /** Lets the delivery poll a few times. */
    private void afterPolls(int polls) {
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute("inbox-poll").whenCompleted(polls).create();
        assertThat(done.matches(20, TimeUnit.SECONDS)).as("%d polls", polls).isTrue();
    }

    private String prometheus() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
