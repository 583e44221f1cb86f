package dev.tcccbridge.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys of the built-in token endpoint: the current one signs new tokens; every key still
 * valid verifies them. Either the one key of {@code bridge.tccc.push.auth.oauth2.signing-key}, or
 * keys kept in the database (table token_signing_key): generated once, shared by every instance,
 * so that a token TCCC has cached still opens the push endpoint after a restart or on another
 * instance. An admin rotates the stored key ({@link #rotate}); the old key then verifies the
 * tokens it signed for one token lifetime more (plus the time instances take to notice).
 *
 * <p>Instances read the keys again at most every {@link #REFRESH}, and at once when a token names
 * a key they do not know (at most every {@link #RELOAD_PAUSE}, so unknown key ids sent in bulk
 * cost no more).
 */
final class TokenSigningKeys {

    static final Duration REFRESH = Duration.ofSeconds(30);
    static final Duration RELOAD_PAUSE = Duration.ofSeconds(2);
    /** The clock skew tokens are accepted with (Spring Security's default). */
    static final Duration SKEW = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(TokenSigningKeys.class);
    private static final String CURRENT = "current";

    /** One key, or the keys of the table as last read. */
    private record Keys(RSAKey current, Map<String, Valid> valid, Instant readAt) {
    }

    /** A key and until when it verifies tokens (null: it is current). */
    private record Valid(RSAKey key, Instant until) {
    }

    /** A key as an admin sees it. */
    record Info(String keyId, Instant createdAt, Instant retiredAt, Instant validUntil, boolean current) {
    }

    /** What a rotation did. */
    record Rotation(String keyId, String previousKeyId, Instant previousValidUntil) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration retiredValidity;
    private final AtomicReference<Keys> keys = new AtomicReference<>();

    private TokenSigningKeys(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock, Duration tokenLifetime) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.retiredValidity = tokenLifetime.plus(REFRESH).plus(SKEW);
    }

    /** The configured key: nothing stored, nothing to rotate here. */
    static TokenSigningKeys configured(TokenSigningKey key) {
        TokenSigningKeys configured = new TokenSigningKeys(null, null, Clock.systemUTC(), Duration.ZERO);
        configured.keys.set(new Keys(key.jwk(), Map.of(key.keyId(), new Valid(key.jwk(), null)), Instant.MAX));
        return configured;
    }

    /** The stored keys; the first instance to start generates the first one. */
    static TokenSigningKeys stored(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock,
                                   Duration tokenLifetime) {
        TokenSigningKeys stored = new TokenSigningKeys(jdbc, transactions, clock, tokenLifetime);
        if (stored.readCurrent() == null) {
            TokenSigningKey generated = TokenSigningKey.generated();
            // two instances starting at once: one insert wins, both use its key
            int inserted = jdbc.update("INSERT INTO token_signing_key (key_id, private_key, created_at, current_slot) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", generated.keyId(), generated.toPem(),
                    Timestamp.from(clock.instant()), CURRENT);
            if (inserted == 1) {
                LOG.info("token signing key {} generated and stored in the database, shared by every instance",
                        generated.keyId());
            }
        }
        stored.reload();
        return stored;
    }

    boolean isStored() {
        return jdbc != null;
    }

    /** Signs new tokens. */
    RSAKey current() {
        return fresh().current();
    }

    /** The key a token names, while it may verify tokens; null when there is none. */
    RSAKey forKeyId(String keyId) {
        Keys now = fresh();
        Valid valid = now.valid().get(keyId);
        if (valid == null && isStored() && clock.instant().isAfter(now.readAt().plus(RELOAD_PAUSE))) {
            valid = reload().valid().get(keyId);
        }
        return valid == null || !validNow(valid) ? null : valid.key();
    }

    /** Every key that verifies tokens now: published at /oauth2/jwks. */
    List<JWK> verifying() {
        List<JWK> verifying = new ArrayList<>();
        for (Valid valid : fresh().valid().values()) {
            if (validNow(valid)) {
                verifying.add(valid.key().toPublicJWK());
            }
        }
        return verifying;
    }

    /** For the token encoder: the current key only, so that exactly one key signs. */
    JWKSource<SecurityContext> signingSource() {
        return (selector, context) -> selector.select(new JWKSet(current()));
    }

    /** For the push endpoint's verifier: the key the token names (or, without a key id, every valid key). */
    JWKSource<SecurityContext> verificationSource() {
        return (selector, context) -> {
            Set<String> keyIds = selector.getMatcher().getKeyIDs();
            if (keyIds != null && keyIds.size() == 1) {
                RSAKey key = forKeyId(keyIds.iterator().next());
                return key == null ? List.of() : selector.select(new JWKSet(key.toPublicJWK()));
            }
            return selector.select(new JWKSet(verifying()));
        };
    }

    /**
     * A new current key; the previous one verifies the tokens it signed for one more token
     * lifetime. Keys whose time is over are deleted.
     *
     * @throws IllegalStateException when the key is configured rather than stored
     */
    Rotation rotate() {
        if (!isStored()) {
            throw new IllegalStateException("the signing key is set by bridge.tccc.push.auth.oauth2.signing-key: "
                    + "rotate it there, on every instance");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Rotation rotation = transactions.execute(status -> rotateOnce());
                reload();
                LOG.info("token signing key rotated: {} signs new tokens, {} verifies until {}", rotation.keyId(),
                        rotation.previousKeyId(), rotation.previousValidUntil());
                return rotation;
            } catch (DuplicateKeyException raced) {
                // another rotation committed first: rotate again from the key it made current
                if (attempt == 3) {
                    throw raced;
                }
            }
        }
    }

    private Rotation rotateOnce() {
        Instant now = clock.instant();
        List<String> previous = jdbc.queryForList(
                "SELECT key_id FROM token_signing_key WHERE current_slot = ? FOR UPDATE", String.class, CURRENT);
        jdbc.update("UPDATE token_signing_key SET current_slot = NULL, retired_at = ? WHERE current_slot = ?",
                Timestamp.from(now), CURRENT);
        TokenSigningKey next = TokenSigningKey.generated();
        jdbc.update("INSERT INTO token_signing_key (key_id, private_key, created_at, current_slot) VALUES (?, ?, ?, ?)",
                next.keyId(), next.toPem(), Timestamp.from(now), CURRENT);
        jdbc.update("DELETE FROM token_signing_key WHERE retired_at < ?", Timestamp.from(now.minus(retiredValidity)));
        return new Rotation(next.keyId(), previous.isEmpty() ? null : previous.get(0), now.plus(retiredValidity));
    }

    /** The keys as an admin sees them, current first. */
    List<Info> describe() {
        if (!isStored()) {
            RSAKey key = current();
            return List.of(new Info(key.getKeyID(), null, null, null, true));
        }
        return jdbc.query("SELECT key_id, created_at, retired_at FROM token_signing_key ORDER BY retired_at DESC "
                        + "NULLS FIRST, created_at DESC",
                (row, n) -> {
                    Instant retired = instant(row.getTimestamp("retired_at"));
                    return new Info(row.getString("key_id"), instant(row.getTimestamp("created_at")), retired,
                            retired == null ? null : retired.plus(retiredValidity), retired == null);
                });
    }

    private Keys fresh() {
        Keys now = keys.get();
        if (isStored() && clock.instant().isAfter(now.readAt().plus(REFRESH))) {
            return reload();
        }
        return now;
    }

    private boolean validNow(Valid valid) {
        return valid.until() == null || clock.instant().isBefore(valid.until());
    }

    private String readCurrent() {
        List<String> current = jdbc.queryForList("SELECT key_id FROM token_signing_key WHERE current_slot = ?",
                String.class, CURRENT);
        return current.isEmpty() ? null : current.get(0);
    }

    private Keys reload() {
        Instant now = clock.instant();
        Map<String, Valid> valid = new LinkedHashMap<>();
        RSAKey[] current = new RSAKey[1];
        jdbc.query("SELECT key_id, private_key, retired_at FROM token_signing_key", row -> {
            RSAKey key = TokenSigningKey.fromPem(row.getString("private_key")).jwk();
            Instant retired = instant(row.getTimestamp("retired_at"));
            if (retired == null) {
                current[0] = key;
                valid.put(key.getKeyID(), new Valid(key, null));
            } else {
                valid.put(key.getKeyID(), new Valid(key, retired.plus(retiredValidity)));
            }
        });
        if (current[0] == null) {
            throw new IllegalStateException("no current token signing key in the table token_signing_key");
        }
        Keys read = new Keys(current[0], Map.copyOf(valid), now);
        keys.set(read);
        return read;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
