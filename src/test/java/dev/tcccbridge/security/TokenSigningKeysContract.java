package dev.tcccbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.tcccbridge.testing.MovableClock;
import dev.tcccbridge.testing.SharedDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The built-in token endpoint's stored signing keys on a real database, each instance with its
 * own connection pool as separate processes have: one key for all, kept across restarts, and a
 * rotation that every instance follows while the old key keeps verifying for a token lifetime.
 * Run against H2 and PostgreSQL by the subclasses.
 */
abstract class TokenSigningKeysContract {

    static final Duration LIFETIME = Duration.ofHours(1);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-04-01T00:00:00Z"));
    private SharedDatabase database;
    private HikariDataSource firstPool;

    abstract SharedDatabase.Kind kind();

    @BeforeEach
    void migrate() {
        database = SharedDatabase.migrated(kind());
        firstPool = database.newPool(2);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void twoInstancesStartingAtOnceShareOneKey() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<TokenSigningKeys>> starting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return instance();
            }));
        }
        go.countDown();

        List<String> current = new ArrayList<>();
        for (CompletableFuture<TokenSigningKeys> instance : starting) {
            current.add(instance.get().current().getKeyID());
        }
        assertThat(current).containsOnly(current.get(0));
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void aRestartedInstanceSignsAndVerifiesWithTheSameKey() {
        String before = instance().current().getKeyID();

        TokenSigningKeys restarted = instance();

        assertThat(restarted.current().getKeyID()).isEqualTo(before);
        assertThat(restarted.forKeyId(before)).isNotNull();
    }

    @Test
    void afterARotationTheOldKeyVerifiesForATokenLifetimeOnEveryInstance() {
        TokenSigningKeys first = instance();
        TokenSigningKeys second = instance();
        String old = first.current().getKeyID();

        TokenSigningKeys.Rotation rotation = first.rotate();

        assertThat(rotation.previousKeyId()).isEqualTo(old);
        assertThat(rotation.keyId()).isNotEqualTo(old);
        assertThat(first.current().getKeyID()).isEqualTo(rotation.keyId());
        // the other instance knows the new key as soon as a token names it
        clock.advance(TokenSigningKeys.RELOAD_PAUSE.plusSeconds(1));
        assertThat(second.forKeyId(rotation.keyId())).isNotNull();
        assertThat(second.forKeyId(old)).as("tokens signed before the rotation").isNotNull();
        // and signs with it once it reads the keys again
        clock.advance(TokenSigningKeys.REFRESH);
        assertThat(second.current().getKeyID()).isEqualTo(rotation.keyId());

        clock.advance(LIFETIME.plus(TokenSigningKeys.REFRESH).plus(TokenSigningKeys.SKEW));
        assertThat(second.forKeyId(old)).as("every token it signed has expired").isNull();
        assertThat(second.verifying()).extracting(key -> key.getKeyID()).containsExactly(rotation.keyId());
        // the next rotation deletes it
        first.rotate();
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void twoRotationsAtOnceBothHappenAndOneKeyIsCurrent() throws Exception {
        TokenSigningKeys first = instance();
        TokenSigningKeys second = instance();

        CompletableFuture<TokenSigningKeys.Rotation> a = CompletableFuture.supplyAsync(first::rotate);
        CompletableFuture<TokenSigningKeys.Rotation> b = CompletableFuture.supplyAsync(second::rotate);

        assertThat(a.get().keyId()).isNotEqualTo(b.get().keyId());
        assertThat(new JdbcTemplate(firstPool).queryForObject(
                "SELECT COUNT(*) FROM token_signing_key WHERE current_slot = 'current'", Integer.class)).isEqualTo(1);
        assertThat(rows()).isEqualTo(3);
    }

    @Test
    void anUnknownKeyIdVerifiesNothing() {
        TokenSigningKeys keys = instance();
        clock.advance(Duration.ofSeconds(10));

        assertThat(keys.forKeyId("forged-key-id")).isNull();
    }

    private int rows() {
        return new JdbcTemplate(firstPool).queryForObject("SELECT COUNT(*) FROM token_signing_key", Integer.class);
    }

    private TokenSigningKeys instance() {
        HikariDataSource pool = database.newPool(2);
        return TokenSigningKeys.stored(new JdbcTemplate(pool),
                new TransactionTemplate(new DataSourceTransactionManager(pool)), clock, LIFETIME);
    }
}
