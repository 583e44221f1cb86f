package dev.tcccbridge.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default keeps every push it acknowledged when its process is killed (SIGKILL)
 * mid-stream. The bridge runs in a child JVM on the H2 URL shipped in application.yaml, moved
 * to a temporary folder; after the kill the database file is opened and every acknowledged
 * push id must be in the inbox.
 */
class KilledProcessKeepsAcknowledgedPushesTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedPushSurvivesAKill() throws Exception {
        String url = shippedH2Url().replace("./data/tccc-bridge", dir.resolve("bridge").toString());
        int port = freePort();
        Process bridge = start(url, port);
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        try {
            awaitUp(port, bridge);
            AtomicBoolean pushing = new AtomicBoolean(true);
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                int sender = s;
                Thread thread = new Thread(() -> push(port, sender, pushing, acknowledged));
                thread.start();
                senders.add(thread);
            }
            Instant until = Instant.now().plusSeconds(20);
            while (acknowledged.size() < 400 && Instant.now().isBefore(until)) {
                Thread.sleep(20);
            }
            bridge.destroyForcibly().waitFor();
            pushing.set(false);
            for (Thread sender : senders) {
                sender.join();
            }
        } finally {
            bridge.destroyForcibly();
        }

        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(100);
        Set<String> stored = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url + ";FILE_LOCK=NO", "sa", "");
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT push_id FROM tccc_inbox")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        assertThat(stored).containsAll(acknowledged);
    }

    private static void push(int port, int sender, AtomicBoolean pushing, ConcurrentLinkedQueue<String> acknowledged) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; pushing.get(); i++) {
            String id = "kill-" + sender + "-" + i;
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/tccc/push?action=cdr&version=1"))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json; charset=utf8")
                        .header("X-TCCC-PUSH-UUID", id)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"SessionId\":\"" + id + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"ErrCode\":0")) {
                    acknowledged.add(id);
                }
            } catch (IOException e) {
                return; // the bridge is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The datasource URL exactly as application.yaml ships it. */
    private static String shippedH2Url() throws IOException {
        Matcher url = Pattern.compile("(?m)^\\s+url: (jdbc:h2:\\S+)").matcher(Files.readString(Path.of("application.yaml")));
        assertThat(url.find()).as("application.yaml has an H2 datasource url").isTrue();
        return url.group(1);
    }

    private Process start(String url, int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.tcccbridge.TcccBridgeApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + url,
                "--logging.level.root=WARN")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("bridge.log").toFile())
                .start();
    }

    private void awaitUp(int port, Process bridge) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant until = Instant.now().plusSeconds(240);
        while (Instant.now().isBefore(until)) {
            assertThat(bridge.isAlive()).as("bridge exited: %s", log()).isTrue();
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("bridge did not start: " + log());
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("bridge.log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
