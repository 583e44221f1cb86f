package dev.tcccbridge.reconcile;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Which call sessions already have a CDR in the inbox (whatever its status). */
public class KnownSessions {

    private final NamedParameterJdbcTemplate jdbc;

    public KnownSessions(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    /** Those of {@code sessionIds} that have an inbox row of action cdr: one query. */
    public Set<String> of(Collection<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList(
                "SELECT DISTINCT session_id FROM tccc_inbox WHERE action = 'cdr' AND session_id IN (:ids)",
                Map.of("ids", sessionIds), String.class));
    }
}
