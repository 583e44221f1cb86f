package dev.tcccbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tcccbridge.testing.DeliveryLedger;
import dev.tcccbridge.testing.PushLoad;
import dev.tcccbridge.testing.RequiresPostgres;
import dev.tcccbridge.testing.SalesforceStub;
import dev.tcccbridge.testing.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The bridge killed (SIGKILL) while deliveries are in flight, under load, then started again on
 * the same database: every acknowledged push is delivered, none twice. The bridge runs in a child
 * JVM on PostgreSQL, delivering to the Salesforce stub (answers slowed, so upserts are in flight
 * at the kill) and to an SMTP server, both in this JVM. Slow (two starts): {@code mvn -Preliability verify}.
 */
@Tag("reliability")
@RequiresPostgres
class KilledWhileDeliveringTest {

    @TempDir
    Path dir;

    final SalesforceStub salesforce = new SalesforceStub();
    final GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    final List<Process> bridges = new ArrayList<>();

    @AfterEach
    void stop() {
        bridges.forEach(Process::destroyForcibly);
        smtp.stop();
        salesforce.close();
    }

    @Test
    void killedWhileDeliveringThenRestartedLosesNothingAndWritesNothingTwice() throws Exception {
        smtp.start();
        salesforce.latency(150);
        String url = TestDatabases.postgresUrl();
        JdbcTemplate database = new JdbcTemplate(new DriverManagerDataSource(url, TestDatabases.postgresUser(),
                TestDatabases.postgresPassword()));
        int port = freePort();

        Process first = start(url, port, "first");
        awaitUp(port, first, "first");
        PushLoad load = PushLoad.start("http://localhost:" + port, "kill", 4, Duration.ofMillis(20));
        Instant until = Instant.now().plusSeconds(30);
        // killed once deliveries have been made and more are under way
        while (Instant.now().isBefore(until) && !(salesforce.records().all("Task").size() >= 30
                && inFlight(database) > 0)) {
            Thread.sleep(50);
        }
        int inFlight = inFlight(database);
        first.destroyForcibly().waitFor();
        load.close();

        Process second = start(url, port, "second");
        awaitUp(port, second, "second");
        DeliveryLedger ledger = new DeliveryLedger(database, salesforce.records(), smtp);
        ledger.awaitDrained(Duration.ofSeconds(120));

        DeliveryLedger.Figures figures = ledger.count("bridge killed (SIGKILL) while delivering, then restarted", load,
                inFlight + " rows claimed for delivery at the kill");
        DeliveryLedger.publish(figures);
        assertThat(inFlight).as("deliveries in flight at the kill").isPositive();
        assertThat(load.unexpected()).as("answers other than ErrCode 0 or 503, but the kill's refused connections")
                .allMatch(answer -> answer.startsWith("no answer"));
        assertThat(figures.acknowledged()).isGreaterThan(30);
        assertThat(figures.lost()).as("lost: %s", figures.problems()).isZero();
        assertThat(figures.duplicated()).as("duplicated: %s", figures.problems()).isZero();
    }

    private static int inFlight(JdbcTemplate database) {
        try {
            return database.queryForObject("SELECT COUNT(*) FROM tccc_inbox WHERE status = 'PENDING'"
                    + " AND claimed_by IS NOT NULL AND lease_until > CURRENT_TIMESTAMP", Integer.class);
        } catch (RuntimeException notYetMigrated) {
            return 0;
        }
    }

    private Process start(String url, int port, String name) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process bridge = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.tcccbridge.TcccBridgeApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + TestDatabases.postgresUser(),
                "--spring.datasource.password=" + TestDatabases.postgresPassword(),
                "--spring.datasource.hikari.maximum-pool-size=8",
                "--bridge.crm.mode=salesforce",
                "--camel.component.salesforce.login-url=" + salesforce.baseUrl(),
                "--camel.component.salesforce.authentication-type=USERNAME_PASSWORD",
                "--camel.component.salesforce.client-id=stub-client-id",
                "--camel.component.salesforce.client-secret=stub-client-secret",
                "--camel.component.salesforce.user-name=integration@example.com",
                "--camel.component.salesforce.password=stub-password",
                "--camel.component.salesforce.api-version=" + SalesforceStub.API_VERSION,
                "--bridge.mail.mode=smtp",
                "--bridge.mail.host=127.0.0.1",
                "--bridge.mail.port=" + smtp.getSmtp().getPort(),
                "--bridge.mail.to=team@support.example",
                "--bridge.delivery.poll-interval=100ms",
                "--bridge.delivery.backoff-base=100ms",
                "--bridge.delivery.backoff-max=400ms",
                // rows the killed instance held are claimed again this soon after the restart
                "--bridge.delivery.lease=5s",
                "--bridge.retention.initial-delay=1h",
                "--bridge.recording.sweep.initial-delay=1h",
                "--logging.level.root=WARN")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
        bridges.add(bridge);
        return bridge;
    }

    private void awaitUp(int port, Process bridge, String name) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant until = Instant.now().plusSeconds(240);
        while (Instant.now().isBefore(until)) {
            assertThat(bridge.isAlive()).as("bridge exited: %s", log(name)).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("bridge did not start: " + log(name));
    }

    private String log(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".log"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
