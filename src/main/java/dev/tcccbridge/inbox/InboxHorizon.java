package dev.tcccbridge.inbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * How far back the inbox is complete (table {@code retention_horizon}): retention may have deleted
 * rows that arrived before the horizon, none after it. Reconciliation never asks for calls older
 * than the horizon, or it would take a call whose rows were deleted for one never pushed.
 */
@Repository
public class InboxHorizon {

    static final String NAME = "tccc_inbox";

    private final JdbcTemplate jdbc;

    public InboxHorizon(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Rows that arrived before this may be gone; empty while retention has deleted none. */
    public Optional<OffsetDateTime> get() {
        return jdbc.queryForList("SELECT horizon FROM retention_horizon WHERE name = ?", OffsetDateTime.class, NAME)
                .stream().findFirst();
    }

    /** Moves the horizon to {@code horizon}, never back. Called before rows older than it are deleted. */
    public void advanceTo(OffsetDateTime horizon) {
        OffsetDateTime utc = horizon.withOffsetSameInstant(ZoneOffset.UTC);
        if (jdbc.update("UPDATE retention_horizon SET horizon = ? WHERE name = ? AND horizon < ?", utc, NAME, utc) == 1) {
            return;
        }
        try {
            jdbc.update("INSERT INTO retention_horizon (name, horizon) VALUES (?, ?) ON CONFLICT DO NOTHING", NAME, utc);
        } catch (DuplicateKeyException e) {
            // written meanwhile by another instance (H2 reports it as an error): it is at least as far
        }
    }
}
