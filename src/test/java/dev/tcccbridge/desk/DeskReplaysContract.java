package dev.tcccbridge.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.tcccbridge.testing.Settings;
import dev.tcccbridge.testing.SharedDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Replayed Desk callbacks on a real database: two instances of the bridge, each with its own
 * connection pool, agree that a signed request is accepted once, also when both receive it at
 * the same moment. Run against H2 and PostgreSQL by the subclasses.
 */
abstract class DeskReplaysContract {

    static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    static final String SIGN = DeskClient.sign("desk-callback-token", Long.toString(NOW.getEpochSecond()));
    static final byte[] BODY = DeskClient.assignHuman("user517").getBytes(StandardCharsets.UTF_8);

    private final List<HikariDataSource> pools = new ArrayList<>();
    private SharedDatabase database;

    abstract SharedDatabase.Kind kind();

    @BeforeEach
    void migrate() {
        database = SharedDatabase.migrated(kind());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theSameSignedRequestIsAcceptedOnceByTwoInstancesAtOnce() throws Exception {
        DeskReplays first = instance(NOW);
        DeskReplays second = instance(NOW);
        int attempts = 16;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            DeskReplays instance = i % 2 == 0 ? first : second;
            results.add(senders.submit(() -> {
                go.await();
                try {
                    instance.acceptOnce(NOW.getEpochSecond(), SIGN, "ChatBot.OnAssignHuman", BODY);
                    return true;
                } catch (DeskRefused refused) {
                    assertThat(refused.error()).isEqualTo(DeskError.REPLAYED);
                    return false;
                }
            }));
        }
        go.countDown();
        int accepted = 0;
        for (Future<Boolean> result : results) {
            accepted += result.get() ? 1 : 0;
        }
        senders.shutdown();

        assertThat(accepted).isEqualTo(1);
    }

    @Test
    void aCopyWithTheSignInCapitalsOrTheCommandInAnotherCaseIsTheSameRequest() {
        DeskReplays replays = instance(NOW);
        replays.acceptOnce(NOW.getEpochSecond(), SIGN, "ChatBot.OnAssignHuman", BODY);

        assertThatThrownBy(() -> replays.acceptOnce(NOW.getEpochSecond(), SIGN.toUpperCase(), "chatbot.onassignhuman", BODY))
                .isInstanceOf(DeskRefused.class)
                .extracting(e -> ((DeskRefused) e).error()).isEqualTo(DeskError.REPLAYED);
    }

    @Test
    void anotherCallbackSignedInTheSameSecondIsAnswered() {
        DeskReplays replays = instance(NOW);
        replays.acceptOnce(NOW.getEpochSecond(), SIGN, "ChatBot.OnAssignHuman", BODY);

        // Desk's Sign covers only the token and RequestTime: another customer in the same second
        replays.acceptOnce(NOW.getEpochSecond(), SIGN, "ChatBot.OnAssignHuman",
                DeskClient.assignHuman("user518").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void requestsOlderThanTheWindowAreForgottenTheirRequestTimeIsRefusedAnyway() {
        instance(NOW).acceptOnce(NOW.getEpochSecond(), SIGN, "ChatBot.OnAssignHuman", BODY);
        Instant later = NOW.plusSeconds(125);

        instance(later).acceptOnce(later.getEpochSecond(), "another", "ChatBot.OnAssignHuman", BODY);

        assertThat(new JdbcTemplate(pools.get(pools.size() - 1)).queryForList(
                "SELECT request_time FROM desk_callback_seen", Long.class)).containsExactly(later.getEpochSecond());
    }

    @Test
    void aDatabaseThatDoesNotAnswerGivesAnUnavailableAnswerNotAnAcceptedCallback() {
        DeskReplays replays = instance(NOW);
        pools.get(0).close();

        assertThatThrownBy(() -> replays.acceptOnce(NOW.getEpochSecond(), SIGN, "ChatBot.OnAssignHuman", BODY))
                .isInstanceOf(DeskRefused.class)
                .extracting(e -> ((DeskRefused) e).error()).isEqualTo(DeskError.UNAVAILABLE);
    }

    private DeskReplays instance(Instant now) {
        HikariDataSource pool = database.newPool(4);
        pools.add(pool);
        DeskProperties properties = Settings.bind("bridge.desk", DeskProperties.class, Map.of());
        return new DeskReplays(new JdbcTemplate(pool), Clock.fixed(now, ZoneOffset.UTC), properties);
    }
}
