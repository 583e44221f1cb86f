package dev.tcccbridge.desk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.testing.SalesforceStub;
import dev.tcccbridge.testing.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Latency of a signed {@code ChatBot.OnAssignHuman} callback answered from the warm cache, side by
 * side with a bare platform-http endpoint in the same process, on loopback. Not a test: run with
 * {@code mvn -B -Pbench verify -Dtest=DeskCallbackBenchmark}; figures go to stdout and to
 * {@code target/benchmarks/desk-callbacks.txt}.
 */
@Tag("benchmark")
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.desk.sdk-app-id=1400000001",
        "bridge.desk.token=desk-callback-token",
        "logging.level.dev.tcccbridge=WARN"})
class DeskCallbackBenchmark {

    static final int WARM_UP = 3_000;
    static final int MEASURED = 10_000;
    static final int CLIENTS = 4;

    static final SalesforceStub SALESFORCE = new SalesforceStub();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        SALESFORCE.register(registry);
    }

    @AfterAll
    static void stop() {
        SALESFORCE.close();
    }

    /** The baseline: platform-http answering a constant, nothing else. */
    @TestConfiguration
    static class BareEndpoint {
        @Bean
        RouteBuilder bareEndpoint() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:/bench/bare").routeId("bench-bare")
                            .setBody(constant("{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"ErrorInfo\":\"\"}"));
                }
            };
        }
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void deskCallbackLatencyWithWarmCacheBesideABareEndpoint() throws Exception {
        SALESFORCE.server().stubFor(get(urlPathEqualTo(SALESFORCE.dataPath() + "/query/")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"totalSize":1,"done":true,"records":[{"Id":"003000000000001AAA","Name":"Li Wei",
                         "Owner":{"Email":"anna.agent@example.com"}}]}""")));
        // each callback of its own chat session, as Desk sends them: a copy would be refused as replayed
        for (int i = 0; i < WARM_UP; i++) {
            desk(DeskClient.assignHuman("user517"));
            bare(DeskClient.assignHuman("user517"));
        }
        long[] deskNanos = new long[MEASURED];
        long[] bareNanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            deskNanos[i] = desk(DeskClient.assignHuman("user517"));
            bareNanos[i] = bare(DeskClient.assignHuman("user517"));
        }
        long[] deskConcurrent = concurrently(() -> desk(DeskClient.assignHuman("user517")));
        long[] bareConcurrent = concurrently(() -> bare(DeskClient.assignHuman("user517")));

        SALESFORCE.server().verify(1, getRequestedFor(urlPathEqualTo(SALESFORCE.dataPath() + "/query/")));
        String report = String.join("\n",
                "Desk callback (signed ChatBot.OnAssignHuman, warm cache) vs bare platform-http endpoint",
                "java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                        + " cores, loopback, HTTP/1.1 keep-alive, " + WARM_UP + " warm-up requests each",
                "",
                "| endpoint | clients | requests | p50 ms | p99 ms | max ms |",
                "|---|---|---|---|---|---|",
                row("desk callback", 1, deskNanos),
                row("bare platform-http", 1, bareNanos),
                row("desk callback", CLIENTS, deskConcurrent),
                row("bare platform-http", CLIENTS, bareConcurrent),
                "");
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "desk-callbacks.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
    }

    interface Call {
        long run() throws Exception;
    }

    /** MEASURED requests spread over CLIENTS threads, each waiting for its answer before the next. */
    private long[] concurrently(Call call) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                futures.add(clients.submit(() -> {
                    long[] nanos = new long[MEASURED / CLIENTS];
                    for (int i = 0; i < nanos.length; i++) {
                        nanos[i] = call.run();
                    }
                    return nanos;
                }));
            }
            long[] all = new long[0];
            for (Future<long[]> f : futures) {
                long[] part = f.get();
                long[] merged = Arrays.copyOf(all, all.length + part.length);
                System.arraycopy(part, 0, merged, all.length, part.length);
                all = merged;
            }
            return all;
        } finally {
            clients.shutdownNow();
        }
    }

    private long desk(String body) throws IOException, InterruptedException {
        long now = Instant.now().getEpochSecond();
        String query = "SdkAppid=1400000001&CallbackCommand=ChatBot.OnAssignHuman&contenttype=json"
                + "&ClientIP=127.0.0.1&OptPlatform=Web&RequestTime=" + now
                + "&Sign=" + DeskClient.sign("desk-callback-token", Long.toString(now));
        return timed("/desk/callback?" + query, body, "anna.agent@example.com");
    }

    private long bare(String body) throws IOException, InterruptedException {
        return timed("/bench/bare", body, "\"ActionStatus\":\"OK\"");
    }

    private long timed(String path, String body, String expected) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - start;
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(expected);
        return nanos;
    }

    private static String row(String endpoint, int clients, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.2f |", endpoint, clients, sorted.length,
                ms(percentile(sorted, 50)), ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]));
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
