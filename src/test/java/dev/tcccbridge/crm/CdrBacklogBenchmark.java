package dev.tcccbridge.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tcccbridge.testing.Bridge;
import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.SalesforceDirectory;
import dev.tcccbridge.testing.SalesforceStub;
import dev.tcccbridge.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A backlog after a CRM outage: 1,000 CDRs (100 distinct callers, each a Contact, and 2 agents,
 * each a user) wait in the inbox, then delivery starts against the Salesforce stub answering
 * every call after 100 ms. Measured: how long the backlog takes to drain (from the start of the
 * delivery route to the last row done), and how many Salesforce API calls it made, by kind. The
 * bridge runs on its shipped delivery settings, warmed up first by a backlog of 400 CDRs of other
 * callers and agents (as a bridge that has been running meets the end of an outage: its code
 * warm, its caches of no help). Not a test: run with
 * {@code mvn -B -Pbench verify -Dtest=CdrBacklogBenchmark} (add {@code -Dbench.database=postgres}
 * for the local PostgreSQL, {@code -Dbench.latency-ms=300} for a slower org); figures go to
 * stdout and to {@code target/benchmarks/cdr-backlog.txt}.
 */
@Tag("benchmark")
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // the backlog waits until the benchmark starts the delivery route
        "bridge.delivery.enabled=false",
        "logging.level.dev.tcccbridge=WARN"})
class CdrBacklogBenchmark {

    static final int CDRS = 1_000;
    static final int CALLERS = 100;
    static final int AGENTS = 2;
    static final int LATENCY_MS = Integer.getInteger("bench.latency-ms", 100);
    static final boolean POSTGRES = "postgres".equalsIgnoreCase(System.getProperty("bench.database", "h2"));

    static final SalesforceStub SALESFORCE = new SalesforceStub();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        if (POSTGRES) {
            TestDatabases.postgres(registry);
        } else {
            TestDatabases.h2(registry);
        }
        SALESFORCE.register(registry);
    }

    @AfterAll
    static void stop() {
        SALESFORCE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;

    @Test
    void backlogOfAThousandCdrsDrainsToSalesforce() throws Exception {
        SALESFORCE.resetRequests();
        // a running bridge: its code warmed up by other callers' calls, which its caches do not help with
        drain(backlog("warm-up", 400, 2), 0);
        Drained measured = drain(backlog("bench", CDRS, 1), LATENCY_MS);

        List<String> lines = List.of(
                "CDR backlog: %d CDRs (%d callers, %d agents), Salesforce answering after %d ms, %s".formatted(
                        CDRS, CALLERS, AGENTS, LATENCY_MS, POSTGRES ? "PostgreSQL" : "H2"),
                String.format(Locale.ROOT, "drained in %.1f s: %.1f CDRs/s", measured.seconds(), CDRS / measured.seconds()),
                String.format(Locale.ROOT, "Salesforce API calls: %d (%.1f per 1,000 CDRs) %s, sent from +%.1f s"
                                + " to +%.1f s after the start", measured.total(), measured.total() * 1000.0 / CDRS,
                        measured.calls(), measured.firstCall(), measured.lastCall()));
        lines.forEach(System.out::println);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.write(out.resolve("cdr-backlog.txt"), lines, StandardCharsets.UTF_8);
    }

    /** What draining a backlog took. */
    record Drained(double seconds, Map<String, Integer> calls, int total, double firstCall, double lastCall) {
    }

    /**
     * A backlog waiting in the inbox: {@code cdrs} CDRs of 100 callers (Contacts) and 2 agents
     * (users) of its own, so that nothing of it is cached yet. @return the sessions
     */
    private List<String> backlog(String name, int cdrs, int set) throws Exception {
        List<String> agents = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            agents.add(name + "-agent" + a + "@example.com");
            SALESFORCE.directory().user(agents.get(a), "005000000000%d%02dAAA".formatted(set, a));
        }
        List<String> callers = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
            String national = "184123%d%04d".formatted(set, c);
            callers.add("0086" + national);
            SALESFORCE.directory().search(national, SalesforceDirectory.contact("003000000%d%05dAAA".formatted(set, c),
                    "Caller " + c, "MobilePhone", "+86 " + national, "owner@example.com"));
        }
        Random random = new Random(42);
        List<String> sessions = new ArrayList<>();
        List<String> pushes = new ArrayList<>();
        for (int i = 0; i < cdrs; i++) {
            // TCCC's SessionIds are UUIDs
            sessions.add(UUID.randomUUID().toString());
            pushes.add(CdrJson.sample().session(sessions.get(i))
                    .inboundFrom(callers.get(random.nextInt(CALLERS))).agent(agents.get(i % AGENTS)).json());
        }
        pushAll(pushes);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tccc_inbox WHERE status = 'PENDING'", Integer.class))
                .isEqualTo(cdrs);
        return sessions;
    }

    /** Starts delivery, waits for every row to be done, stops it again. */
    private Drained drain(List<String> sessions, int latencyMs) throws Exception {
        SALESFORCE.server().resetRequests();
        SALESFORCE.latency(latencyMs);
        long startedAt = System.currentTimeMillis();
        long start = System.nanoTime();
        camel.getRouteController().startRoute("inbox-poll");
        while (jdbc.queryForObject("SELECT COUNT(*) FROM tccc_inbox WHERE status <> 'DONE'", Integer.class) > 0) {
            assertThat(System.nanoTime() - start).as("drained within 10 minutes").isLessThan(600_000_000_000L);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tccc_inbox WHERE status = 'DEAD'", Integer.class))
                    .isZero();
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        camel.getRouteController().stopRoute("inbox-poll");
        SALESFORCE.latency(0);

        Map<String, Integer> calls = new TreeMap<>();
        long firstCall = Long.MAX_VALUE;
        long lastCall = 0;
        for (LoggedRequest request : SALESFORCE.server().findAll(anyRequestedFor(urlPathMatching("/services/data/.*")))) {
            calls.merge(kind(request), 1, Integer::sum);
            firstCall = Math.min(firstCall, request.getLoggedDate().getTime() - startedAt);
            lastCall = Math.max(lastCall, request.getLoggedDate().getTime() - startedAt);
        }
        // every call a Task, every Task its owner and Contact
        assertThat(sessions).allSatisfy(session -> assertThat(SALESFORCE.records().get("Task", session))
                .containsKeys("OwnerId", "WhoId"));
        return new Drained(seconds, calls, calls.values().stream().mapToInt(Integer::intValue).sum(),
                firstCall / 1000.0, lastCall / 1000.0);
    }

    /** The pushes, 8 at a time over HTTP, as TCCC sends them. */
    private void pushAll(List<String> pushes) throws Exception {
        Bridge bridge = new Bridge(port, jdbc);
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < pushes.size(); i++) {
                String pushId = "push-" + UUID.randomUUID();
                String json = pushes.get(i);
                answers.add(senders.submit(() -> bridge.push("cdr", pushId, json).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    /** A call's kind: the operation and the object it concerns. */
    private static String kind(LoggedRequest request) {
        String path = request.getUrl();
        if (path.contains("/composite/sobjects/")) {
            return "upsert-collection";
        }
        if (path.contains("/sobjects/")) {
            return "upsert-one";
        }
        if (path.contains("/search/")) {
            return "search";
        }
        String q = request.queryParameter("q").isPresent() ? request.queryParameter("q").firstValue() : "";
        return q.contains("FROM User") ? "query-users" : q.contains("FROM Task") ? "query-tasks" : "query-other";
    }
}
