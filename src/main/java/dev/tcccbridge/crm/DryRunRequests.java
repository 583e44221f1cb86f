package dev.tcccbridge.crm;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** CRM dry-run: the requests that would have been sent, in crm_dry_run_request and the log. */
@Repository
public class DryRunRequests {

    private static final Logger LOG = LoggerFactory.getLogger(DryRunRequests.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public DryRunRequests(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String method, String path, String body) {
        jdbc.update("INSERT INTO crm_dry_run_request (method, path, body, recorded_at) VALUES (?, ?, ?, ?)",
                method, path, body, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        LOG.info("CRM dry-run, not sent: {} {} {}", method, path, body);
    }
}
