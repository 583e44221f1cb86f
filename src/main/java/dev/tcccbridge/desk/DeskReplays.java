package dev.tcccbridge.desk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Accepts each signed Desk callback once, on every instance: the request (its RequestTime, Sign,
 * command and body) is remembered in the database (table desk_callback_seen) while its
 * RequestTime is inside the clock-skew window, and the same request again is refused. Outside
 * the window the signature check refuses it anyway, so older rows are deleted.
 *
 * <p>Desk's Sign covers only the token and RequestTime: two different callbacks signed in the
 * same second carry the same Sign and are both answered. What is refused is a copy.
 */
@Component
public class DeskReplays {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration window;
    private final AtomicLong nextPurge = new AtomicLong();

    public DeskReplays(JdbcTemplate jdbc, Clock clock, DeskProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.window = properties.maxClockSkew();
    }

    /**
     * @param requestTime the verified RequestTime
     * @param sign        the verified Sign
     * @throws DeskRefused when this request was accepted before, or cannot be checked now
     */
    public void acceptOnce(long requestTime, String sign, String command, byte[] body) {
        String key = key(requestTime, sign, command, body);
        Instant now = Instant.now(clock);
        int inserted;
        try {
            purgeNowAndThen(now);
            inserted = jdbc.update("INSERT INTO desk_callback_seen (request_hash, request_time, seen_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING", key, requestTime, Timestamp.from(now));
        } catch (DataAccessException e) {
            throw new DeskRefused(DeskError.UNAVAILABLE, "the bridge cannot check this callback now: retry later");
        }
        if (inserted == 0) {
            throw new DeskRefused(DeskError.REPLAYED, "this signed callback was received before");
        }
    }

    /** Rows whose RequestTime left the window, deleted at most once per window by each instance. */
    private void purgeNowAndThen(Instant now) {
        long due = nextPurge.get();
        if (now.toEpochMilli() < due || !nextPurge.compareAndSet(due, now.plus(window).toEpochMilli())) {
            return;
        }
        long oldest = now.minus(window).minusSeconds(1).getEpochSecond();
        jdbc.update("DELETE FROM desk_callback_seen WHERE request_time < ?", oldest);
    }

    /** SHA-256 over what identifies the request; the Sign in lower case, as it is compared. */
    static String key(long requestTime, String sign, String command, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((requestTime + "\n" + sign.toLowerCase(Locale.ROOT) + "\n"
                    + (command == null ? "" : command.toLowerCase(Locale.ROOT)) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                sha256.update(body);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
