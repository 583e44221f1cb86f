package dev.tcccbridge.reconcile;

import dev.tcccbridge.tccc.PushAction;
import dev.tcccbridge.tccc.PushEnvelope;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * What the inbox already has of a page's pushes, whatever the rows' states: a session's CDR, a
 * recording by its RecordId, a session's voicemail. Looked up once per page (a query per kind),
 * then asked push by push.
 */
public class KnownPushes {

    private final NamedParameterJdbcTemplate jdbc;

    public KnownPushes(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    /** Finds which of the page's pushes the inbox has, for {@link #isNew}. */
    public void lookUp(@Body List<PushEnvelope> pushes,
                       @ExchangeProperty(ReconcileProgress.PROPERTY) ReconcileProgress run) {
        Set<String> known = new HashSet<>();
        known.addAll(query(PushAction.CDR, "session_id", ids(pushes, PushAction.CDR, PushEnvelope::sessionId)));
        known.addAll(query(PushAction.RECORD, "record_id", ids(pushes, PushAction.RECORD, PushEnvelope::recordId)));
        known.addAll(query(PushAction.VOICEMAIL, "session_id",
                ids(pushes, PushAction.VOICEMAIL, PushEnvelope::sessionId)));
        run.known(known);
    }

    /** Whether the inbox has nothing of this push yet (as {@link #lookUp} found). */
    public boolean isNew(@Body PushEnvelope push, @ExchangeProperty(ReconcileProgress.PROPERTY) ReconcileProgress run) {
        return !run.isKnown(key(push.action(), push.action() == PushAction.RECORD ? push.recordId() : push.sessionId()));
    }

    private Set<String> query(PushAction action, String column, Set<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<String> known = new HashSet<>();
        // the column name is one of two constants, never data
        jdbc.queryForList("SELECT DISTINCT " + column + " FROM tccc_inbox WHERE action = :action AND " + column
                        + " IN (:ids)", Map.of("action", action.value(), "ids", ids), String.class)
                .forEach(id -> known.add(key(action, id)));
        return known;
    }

    private static Set<String> ids(Collection<PushEnvelope> pushes, PushAction action,
                                   Function<PushEnvelope, String> id) {
        Set<String> ids = new HashSet<>();
        pushes.stream().filter(push -> push.action() == action).map(id).forEach(ids::add);
        return ids;
    }

    private static String key(PushAction action, String id) {
        return action.value() + ":" + id;
    }
}
