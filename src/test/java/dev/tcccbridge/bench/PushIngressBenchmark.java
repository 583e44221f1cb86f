package dev.tcccbridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Push ingress throughput and latency, side by side with a bare platform-http endpoint in the
 * same process and run (so the ratio, not the machine, is the figure). Run with
 * {@code mvn -B -Pbench verify}; results are printed and belong in docs/BENCHMARKS.md.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.dev.tcccbridge=WARN", "bridge.delivery.enabled=false"})
@Import(PushIngressBenchmark.BareEndpoint.class)
abstract class PushIngressBenchmark {

    static final int CLIENTS = 4;
    static final int PER_CLIENT = 2000;
    static final int WARM_UP_PER_CLIENT = 500;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    abstract String database();

    @Test
    void pushIngressAgainstABareEndpoint() throws Exception {
        String cdr = Files.readString(Path.of("examples", "cdr.json"));
        String base = "http://localhost:" + port;
        String run = Long.toString(System.nanoTime(), 36);

        // warm-up of both paths (JIT, pools), not counted
        LoadDriver.run("warm-up bare", CLIENTS, WARM_UP_PER_CLIENT,
                i -> LoadDriver.post(base + "/bench/bare", null, cdr), a -> a.statusCode() == 200);
        LoadDriver.run("warm-up push", CLIENTS, WARM_UP_PER_CLIENT,
                i -> LoadDriver.post(base + "/tccc/push?action=cdr&version=1", "warm-" + run + "-" + i, cdr),
                a -> a.body().contains("\"ErrCode\":0"));

        LoadDriver.Result bare = LoadDriver.run("bare platform-http endpoint", CLIENTS, PER_CLIENT,
                i -> LoadDriver.post(base + "/bench/bare", null, cdr), a -> a.statusCode() == 200);
        LoadDriver.Result push = LoadDriver.run("push ingress, new push ids", CLIENTS, PER_CLIENT,
                i -> LoadDriver.post(base + "/tccc/push?action=cdr&version=1", run + "-" + i, cdr),
                a -> a.body().contains("\"ErrCode\":0"));
        LoadDriver.Result duplicates = LoadDriver.run("push ingress, duplicates", CLIENTS, PER_CLIENT,
                i -> LoadDriver.post(base + "/tccc/push?action=cdr&version=1", run + "-" + i, cdr),
                a -> a.body().contains("\"ErrCode\":0"));

        System.out.println();
        System.out.println("=== push ingress on " + database() + ": " + CLIENTS + " clients x " + PER_CLIENT
                + " requests, CDR sample (" + cdr.length() + " bytes) ===");
        for (LoadDriver.Result r : List.of(bare, push, duplicates)) {
            System.out.println(r.line());
        }
        System.out.printf("throughput ratio push/bare: %.2f, duplicates/bare: %.2f%n",
                push.perSecond() / bare.perSecond(), duplicates.perSecond() / bare.perSecond());
        System.out.println("inbox rows: " + jdbc.queryForObject("SELECT COUNT(*) FROM tccc_inbox", Integer.class));
        System.out.println();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class BareEndpoint {
        @Bean
        RouteBuilder bareEndpoint() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:/bench/bare?useStreaming=true")
                            .setBody(constant("{\"ErrCode\":0,\"ErrMsg\":\"ok\"}"));
                }
            };
        }
    }
}
