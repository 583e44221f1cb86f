package dev.tcccbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.SalesforceBridgeTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * The alert rules under {@code ops/} name only metrics the bridge exports: the bridge runs, the paths the
 * rules watch are exercised (a push delivered, a Desk callback), and every metric of every rule is in
 * what {@code /actuator/prometheus} answers. A rule naming a metric that does not exist would never fire.
 */
// metrics are exported in tests only when asked for, as in production
@AutoConfigureObservability
class AlertRulesTest extends SalesforceBridgeTest {

    @Test
    void everyMetricARuleNamesIsExportedByTheBridge() throws Exception {
        String session = UUID.randomUUID().toString();
        assertThat(bridge.push("cdr", "alerts-" + session, CdrJson.sample().session(session).json()).statusCode())
                .isEqualTo(200);
        bridge.awaitStatus("alerts-" + session, "DONE");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> desk = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/desk/callback?SdkAppid=1&CallbackCommand=ChatBot.OnAssignHuman"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(desk.statusCode()).as("a Desk callback, answered (refused) and counted").isEqualTo(403);

        String exposition = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Set<String> exported = AlertRules.exported(exposition);
        assertThat(exported).as(exposition.substring(0, Math.min(400, exposition.length()))).contains("jvm_threads_live_threads");

        List<AlertRules.Rule> rules = new ArrayList<>();
        for (Path file : AlertRules.files()) {
            rules.addAll(AlertRules.rules(Files.readString(file)));
        }
        assertThat(rules).as("the rules of ops/").extracting(AlertRules.Rule::name).contains(
                "TcccBridgeInboxWaiting", "TcccBridgeDeadRows", "TcccBridgePushesRefused", "TcccBridgeDeskFallbacks",
                "TcccBridgeSalesforceAllowance", "TcccBridgeReconciliationFailing");
        assertThat(AlertRules.unknown(rules, exported)).as("metrics the rules name that the bridge does not export")
                .isEmpty();
        // the push alert selects the push path by its uri tag: the bridge's requests carry it
        assertThat(exposition).contains("http_server_requests_seconds_count{")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/tccc/push\"");
        assertThat(exposition).as("counters the alerts read exist before their first increase")
                .contains("bridge_delivery_rows_total{action=\"voicemail\",outcome=\"dead\"} 0.0")
                .contains("bridge_reconcile_runs_total{outcome=\"failed\"} 0.0");
    }

    @Test
    void aRuleNamingAMetricTheBridgeDoesNotExportIsFound() {
        List<AlertRules.Rule> rules = AlertRules.rules("""
                groups:
                  - name: test
                    rules:
                      - alert: Known
                        expr: sum by (action) (increase(bridge_delivery_rows_total{outcome="dead"}[15m])) > 0
                      - alert: Misspelt
                        expr: max(bridge_inbox_oldest_wait_seconds) > 1800 and on() vector(1)
                      - record: job:ratio
                        expr: rate(bridge_desk_callbacks_seconds_count{outcome="fallback"}[5m]) / 2e3
                """);
        Set<String> exported = Set.of("bridge_delivery_rows_total", "bridge_desk_callbacks_seconds_count",
                "bridge_inbox_oldest_waiting_seconds");

        assertThat(AlertRules.unknown(rules, exported)).containsExactly("Misspelt: bridge_inbox_oldest_wait_seconds");
        assertThat(AlertRules.metrics("sum(rate(http_server_requests_seconds_count{uri=\"/tccc/push\", status=~\"5..\"}[5m]))"
                + " / sum without (status) (up offset 5m) > bool 0"))
                .containsExactlyInAnyOrder("http_server_requests_seconds_count", "up");
        assertThat(AlertRules.exported("# TYPE a counter\na_total{x=\"1\"} 2.0\nb 1.0\n")).containsExactly("a_total", "b");
    }

    @Test
    void promtoolAcceptsTheRulesWhereItIsInstalled() throws IOException, InterruptedException {
        Path promtool = Path.of(System.getenv().getOrDefault("BRIDGE_TEST_PROMTOOL", "/usr/bin/promtool"));
        if (!Files.isExecutable(promtool)) {
            System.err.println();
            System.err.println("**********************************************************************");
            System.err.println("*** promtool is not installed at " + promtool + " (Debian: apt-get install prometheus)");
            System.err.println("*** NOT CHECKED: promtool check rules ops/*.yml (.ci/run checks it)");
            System.err.println("**********************************************************************");
            org.junit.jupiter.api.Assumptions.abort("promtool missing at " + promtool);
        }
        List<String> command = new ArrayList<>(List.of(promtool.toString(), "check", "rules"));
        AlertRules.files().forEach(file -> command.add(file.toString()));
        Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }
}
