package dev.tcccbridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.testing.Bridge;
import dev.tcccbridge.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Pushes, Desk callbacks and everything else run on pools of their own: one of them busy (its
 * threads held, its queue full) delays nothing on the others, and the next request for it is
 * answered 503 at once, in its endpoint's format. The pools are one thread and one queue place
 * each here; a request carrying the header X-Test-Hold is held at the start of its route until
 * the test lets it go, as a slow request would be.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.http.push.threads=1", "bridge.http.push.queue=1",
        "bridge.http.desk.threads=1", "bridge.http.desk.queue=1",
        "bridge.http.other.threads=1", "bridge.http.other.queue=1",
        "bridge.desk.sdk-app-id=1400000001", "bridge.desk.token=desk-callback-token",
        "bridge.delivery.enabled=false"})
class RequestPoolsTest {

    static final String HOLD = "X-Test-Hold";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The routes of this class's context are advised once. */
    static final AtomicBoolean ADVISED = new AtomicBoolean();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        Bridge.register(registry);
    }

    /** A slow operator call: an admin route that takes as long as the test says. */
    @TestConfiguration
    static class SlowAdminRoute {
        @Bean
        RouteBuilder slowAdminRoute() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:/admin/test/slow").routeId("test-slow-admin")
                            .process(Held::hold)
                            .setBody(constant("{\"done\":true}"));
                }
            };
        }
    }

    /** Where held requests wait. */
    static final class Held {
        static volatile CountDownLatch release = new CountDownLatch(1);
        static final Semaphore entered = new Semaphore(0);

        static void hold(Exchange exchange) throws InterruptedException {
            if (exchange.getIn().getHeader(HOLD) != null || exchange.getFromRouteId().startsWith("test-")) {
                entered.release();
                release.await(30, TimeUnit.SECONDS);
            }
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("pushRequestPool")
    RequestPool pushPool;
    @Autowired
    @Qualifier("deskRequestPool")
    RequestPool deskPool;
    @Autowired
    @Qualifier("otherRequestPool")
    RequestPool otherPool;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void holdAtTheStartOfThePushAndDeskRoutes() throws Exception {
        Held.release = new CountDownLatch(1);
        Held.entered.drainPermits();
        if (ADVISED.compareAndSet(false, true)) {
            for (String route : new String[] {"tccc-push", "desk-callback"}) {
                AdviceWith.adviceWith(camel, route, advice -> advice.weaveAddFirst().process(Held::hold));
            }
        }
        jdbc.update("DELETE FROM tccc_inbox");
    }

    @AfterEach
    void letEverythingGo() {
        Held.release.countDown();
    }

    @Test
    void aDeskBurstDoesNotDelayPushesAndTheOverflowIsAnswered503InDesksFormat() throws Exception {
        CompletableFuture<HttpResponse<String>> running = desk(true);
        assertThat(Held.entered.tryAcquire(20, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> waiting = desk(true);
        await().atMost(Duration.ofSeconds(20)).until(() -> deskPool.queued() == 1);

        HttpResponse<String> overflow = desk(false).get(20, TimeUnit.SECONDS);
        HttpResponse<String> push = push("pool-" + UUID.randomUUID(), false).get(20, TimeUnit.SECONDS);

        assertThat(overflow.statusCode()).isEqualTo(503);
        assertThat(overflow.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode answer = JSON.readTree(overflow.body());
        assertThat(answer.path("ActionStatus").asText()).isEqualTo("FAIL");
        assertThat(answer.path("ErrorCode").asInt()).isEqualTo(50300);
        assertThat(answer.path("ErrorInfo").asText()).contains("busy");
        assertThat(push.statusCode()).as("pushes have their own threads").isEqualTo(200);
        assertThat(running.isDone()).as("still held").isFalse();

        Held.release.countDown();
        assertThat(running.get(20, TimeUnit.SECONDS).statusCode()).isNotEqualTo(503);
        assertThat(waiting.get(20, TimeUnit.SECONDS).statusCode()).as("the queued callback is answered").isNotEqualTo(503);
    }

    @Test
    void aSlowAdminCallDoesNotDelayPushes() throws Exception {
        CompletableFuture<HttpResponse<String>> slow = admin("/admin/test/slow");
        assertThat(Held.entered.tryAcquire(20, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> waiting = admin("/admin/test/slow");
        await().atMost(Duration.ofSeconds(20)).until(() -> otherPool.queued() == 1);

        HttpResponse<String> overflow = admin("/admin/inbox/dead").get(20, TimeUnit.SECONDS);
        HttpResponse<String> push = push("admin-" + UUID.randomUUID(), false).get(20, TimeUnit.SECONDS);

        assertThat(push.statusCode()).isEqualTo(200);
        assertThat(overflow.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(overflow.body()).path("error").asText()).contains("busy");
        Held.release.countDown();
        assertThat(slow.get(20, TimeUnit.SECONDS).body()).isEqualTo("{\"done\":true}");
        assertThat(waiting.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void aPushThatFindsThePushPoolFullIs503InTcccsFormatAndItsRetryIsStored() throws Exception {
        String first = "held-" + UUID.randomUUID();
        String second = "queued-" + UUID.randomUUID();
        String third = "refused-" + UUID.randomUUID();
        CompletableFuture<HttpResponse<String>> running = push(first, true);
        assertThat(Held.entered.tryAcquire(20, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> waiting = push(second, true);
        await().atMost(Duration.ofSeconds(20)).until(() -> pushPool.queued() == 1);

        HttpResponse<String> refused = push(third, false).get(20, TimeUnit.SECONDS);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(refused.body()).path("ErrCode").asInt()).isEqualTo(50301);
        Held.release.countDown();
        assertThat(running.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(waiting.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(stored(third)).as("nothing of the refused push was read").isZero();
        // TCCC's retry
        assertThat(push(third, false).get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(stored(first) + stored(second) + stored(third)).isEqualTo(3);
    }

    private int stored(String pushId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM tccc_inbox WHERE push_id = ?", Integer.class, pushId);
    }

    private CompletableFuture<HttpResponse<String>> push(String pushId, boolean hold) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/tccc/push?action=cdr&version=1"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf8")
                .header("X-TCCC-PUSH-UUID", pushId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(Path.of("examples/cdr.json"))));
        if (hold) {
            request.header(HOLD, "yes");
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> desk(boolean hold) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/desk/callback?SdkAppid=1400000001&CallbackCommand=ChatBot.OnAssignHuman"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ClientUserId\":\"user517\"}"));
        if (hold) {
            request.header(HOLD, "yes");
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> admin(String path) {
        String basic = Base64.getEncoder().encodeToString((Bridge.ADMIN_USER + ":" + Bridge.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
