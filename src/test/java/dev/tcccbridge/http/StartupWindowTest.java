package dev.tcccbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.TcccBridgeApplication;
import dev.tcccbridge.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.Ordered;

/**
 * The moment between Tomcat accepting connections and Camel's routes running (about a second on a
 * real start), held open here: the bridge is started with a listener that waits, before Camel's
 * own, on the event that starts the routes. Meanwhile pushes and Desk callbacks are answered 503
 * in their formats (TCCC retries, Desk routes the chat itself), never Spring's 404, and readiness
 * is DOWN. Once the routes run, the same push is stored.
 */
class StartupWindowTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void beforeTheRoutesRunPushAndDeskAre503AndReadinessIsDown() throws Exception {
        Hold hold = new Hold();
        SpringApplication bridge = new SpringApplication(TcccBridgeApplication.class);
        bridge.addListeners(hold);
        CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture.supplyAsync(() -> bridge.run(
                "--server.port=0", "--spring.datasource.url=" + TestDatabases.h2Url(),
                "--bridge.desk.sdk-app-id=1400000001", "--bridge.desk.token=t", "--bridge.delivery.enabled=false"));
        try {
            assertThat(hold.reached.await(120, TimeUnit.SECONDS)).as("the bridge reached the start of its routes").isTrue();
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + hold.port.get();

            HttpResponse<String> push = http.send(push(base), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> desk = http.send(HttpRequest.newBuilder(URI.create(base
                            + "/desk/callback?SdkAppid=1400000001&CallbackCommand=ChatBot.OnAssignHuman"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ClientUserId\":\"user517\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(push.statusCode()).isEqualTo(503);
            JsonNode pushAnswer = JSON.readTree(push.body());
            assertThat(pushAnswer.path("ErrCode").asInt()).isEqualTo(50301);
            assertThat(pushAnswer.path("ErrMsg").asText()).contains("starting");
            assertThat(desk.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(desk.body()).path("ActionStatus").asText()).isEqualTo("FAIL");
            assertThat(JSON.readTree(desk.body()).path("ErrorCode").asInt()).isEqualTo(50300);
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(readiness.body()).path("status").asText()).isNotEqualTo("UP");

            hold.release.countDown();
            ConfigurableApplicationContext context = started.get(120, TimeUnit.SECONDS);
            try {
                HttpResponse<String> retry = http.send(push(base), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(retry.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(retry.body()).path("ErrCode").asInt()).isZero();
                assertThat(ready.statusCode()).isEqualTo(200);
            } finally {
                context.close();
            }
        } finally {
            hold.release.countDown();
        }
    }

    private static HttpRequest push(String base) throws Exception {
        return HttpRequest.newBuilder(URI.create(base + "/tccc/push?action=cdr&version=1"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf8")
                .header("X-TCCC-PUSH-UUID", "startup-window-1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(Path.of("examples/cdr.json"))))
                .build();
    }

    /** Notes the port once Tomcat accepts, then holds the event that starts Camel's routes. */
    static final class Hold implements SmartApplicationListener {

        final AtomicInteger port = new AtomicInteger();
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public boolean supportsEventType(Class<? extends ApplicationEvent> type) {
            return ServletWebServerInitializedEvent.class.isAssignableFrom(type)
                    || ContextRefreshedEvent.class.isAssignableFrom(type);
        }

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof ServletWebServerInitializedEvent web) {
                port.set(web.getWebServer().getPort());
            } else if (event instanceof ContextRefreshedEvent) {
                reached.countDown();
                try {
                    release.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public int getOrder() {
            // before Camel's listeners, which start the routes
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
