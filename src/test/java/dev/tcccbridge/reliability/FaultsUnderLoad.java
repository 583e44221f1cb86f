package dev.tcccbridge.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tcccbridge.testing.Bridge;
import dev.tcccbridge.testing.DeliveryLedger;
import dev.tcccbridge.testing.PushLoad;
import dev.tcccbridge.testing.RequiresPostgres;
import dev.tcccbridge.testing.SalesforceStub;
import dev.tcccbridge.testing.TcpProxy;
import dev.tcccbridge.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The set-up of the fault scenarios. Faults while work is in flight, under a steady load of distinct CDRs, recordings and
 * voicemails: the bridge on PostgreSQL behind a {@link TcpProxy}, delivering to the Salesforce
 * stub and, through another proxy, to an SMTP server (GreenMail). Each scenario ends with every
 * acknowledged push delivered (lost 0), nothing written twice (duplicated 0), and no answer
 * other than ErrCode 0 or 503 in the vendor format. The figures go to
 * {@code target/reliability/figures.md} (docs/RELIABILITY.md).
 */
@RequiresPostgres
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the local PostgreSQL is shared by the whole suite: its connections are given back after the class
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class FaultsUnderLoad {

    // shared by the scenarios' classes, which share one Spring context; gone with the test JVM
    static final SalesforceStub SALESFORCE = new SalesforceStub();
    static final GreenMail SMTP = startSmtp();
    static final TcpProxy SMTP_PROXY = new TcpProxy("127.0.0.1", SMTP.getSmtp().getPort());
    static TcpProxy database;

    static final int SENDERS = 6;
    static final Duration PAUSE = Duration.ofMillis(20);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        URI postgres = URI.create(TestDatabases.postgresUrl().substring("jdbc:".length()));
        database = new TcpProxy(postgres.getHost(), postgres.getPort());
        String proxied = "jdbc:postgresql://127.0.0.1:" + database.port() + postgres.getPath() + "?" + postgres.getQuery();
        registry.add("spring.datasource.url", () -> proxied);
        registry.add("spring.datasource.username", TestDatabases::postgresUser);
        registry.add("spring.datasource.password", TestDatabases::postgresPassword);
        SALESFORCE.register(registry);
        Bridge.register(registry);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "10");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        // longer than the slowest Salesforce answer below, so no row is taken over while in flight
        registry.add("bridge.delivery.lease", () -> "20s");
        registry.add("bridge.mail.mode", () -> "smtp");
        registry.add("bridge.mail.host", () -> "127.0.0.1");
        registry.add("bridge.mail.port", SMTP_PROXY::port);
        registry.add("bridge.mail.timeout", () -> "3s");
        registry.add("bridge.mail.to", () -> "team@support.example");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    DeliveryLedger ledger;

    @BeforeEach
    void reset() throws Exception {
        SALESFORCE.resetRequests();
        SMTP.purgeEmailFromAllMailboxes();
        ledger = new DeliveryLedger(jdbc, SALESFORCE.records(), SMTP);
    }

    /**
     * The upsert endpoints answer this way for at least {@code window}, and on until three requests
     * got the answer (at most 20 s): on a busy machine few requests may come in the window itself.
     * camel-salesforce's login still works meanwhile.
     * @return how many requests got this answer
     */
    long during(Duration window, ResponseDefinitionBuilder answer) throws InterruptedException {
        StubMapping fault = SALESFORCE.server().stubFor(any(urlPathMatching(SALESFORCE.dataPath()
                + "/(composite/)?sobjects/.*")).atPriority(1).willReturn(answer));
        long start = System.nanoTime();
        while (System.nanoTime() - start < window.toNanos()
                || (hits(fault) < 3 && System.nanoTime() - start < Duration.ofSeconds(20).toNanos())) {
            Thread.sleep(100);
        }
        SALESFORCE.server().removeStub(fault);
        return hits(fault);
    }

    private static long hits(StubMapping fault) {
        return SALESFORCE.server().getAllServeEvents().stream()
                .filter(event -> event.getStubMapping() != null && fault.getId().equals(event.getStubMapping().getId()))
                .count();
    }

    /** @param faults what was injected, told once the inbox has drained (mails are sent meanwhile) */
    void assertOutcome(String scenario, PushLoad load, Supplier<String> faults) {
        ledger.awaitDrained(Duration.ofSeconds(90));
        DeliveryLedger.Figures figures = ledger.count(scenario, load, faults.get());
        DeliveryLedger.publish(figures);
        assertThat(load.unexpected()).as("answers other than ErrCode 0 or a 503 in the vendor format").isEmpty();
        assertThat(figures.acknowledged()).as("pushes acknowledged").isGreaterThan(50);
        assertThat(figures.lost()).as("acknowledged pushes not delivered: %s", figures.problems()).isZero();
        assertThat(figures.duplicated()).as("Tasks or mails written twice: %s", figures.problems()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tccc_inbox WHERE status = 'DEAD'", Integer.class))
                .as("dead rows").isZero();
    }

    private static GreenMail startSmtp() {
        try (ServerSocket socket = new ServerSocket(0)) {
            int smtpPort = socket.getLocalPort();
            socket.close();
            GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            return smtp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
