package dev.tcccbridge.admin;

import dev.tcccbridge.http.JsonAnswers;
import dev.tcccbridge.inbox.DeliveryProperties;
import dev.tcccbridge.inbox.InboxStatistics;
import dev.tcccbridge.inbox.QuarantineRepository;
import dev.tcccbridge.reconcile.LastReconcileRun;
import dev.tcccbridge.reconcile.ReconcileProperties;
import dev.tcccbridge.security.PushAuthProperties;
import dev.tcccbridge.tccc.TcccProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Message;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * {@code GET /admin/overview}: the bridge at a glance, what the operations console shows at the top: the
 * inbox by status and action with the age of the oldest waiting row, rows finished per minute over the
 * last hour, the quarantine's size, the CRM and mail connections, the last reconciliation run, and the
 * version and settings that matter. Figures of the whole inbox, whichever instance answers.
 */
@Component
public class OperationsOverview {

    static final int MINUTES = 60;

    private final JsonAnswers answers;
    private final InboxStatistics inbox;
    private final QuarantineRepository quarantine;
    private final CrmConnection crm;
    private final MailConnection mail;
    private final LastReconcileRun lastReconcile;
    private final ReconcileProperties reconcile;
    private final DeliveryProperties delivery;
    private final PushAuthProperties pushAuth;
    private final TcccProperties tccc;
    private final ObjectProvider<BuildProperties> build;
    private final Clock clock;

    public OperationsOverview(JsonAnswers answers, InboxStatistics inbox, QuarantineRepository quarantine,
                              CrmConnection crm, MailConnection mail, LastReconcileRun lastReconcile,
                              ReconcileProperties reconcile, DeliveryProperties delivery, PushAuthProperties pushAuth,
                              TcccProperties tccc, ObjectProvider<BuildProperties> build, Clock clock) {
        this.answers = answers;
        this.inbox = inbox;
        this.quarantine = quarantine;
        this.crm = crm;
        this.mail = mail;
        this.lastReconcile = lastReconcile;
        this.reconcile = reconcile;
        this.delivery = delivery;
        this.pushAuth = pushAuth;
        this.tccc = tccc;
        this.build = build;
        this.clock = clock;
    }

    public String overview(Message message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("at", clock.instant());
        answer.put("bridge", bridge());
        answer.put("inbox", unfinished());
        answer.put("perMinute", inbox.perMinute(MINUTES));
        answer.put("quarantined", quarantine.count());
        answer.put("crm", crm.describe());
        answer.put("mail", mail.describe());
        Map<String, Object> reconciliation = new LinkedHashMap<>();
        reconciliation.put("enabled", reconcile.enabled());
        reconciliation.put("interval", reconcile.interval());
        reconciliation.put("lookback", reconcile.lookback());
        reconciliation.put("last", lastReconcile.last().orElse(null));
        answer.put("reconcile", reconciliation);
        return answers.write(message, 200, answer);
    }

    private Map<String, Object> bridge() {
        Map<String, Object> bridge = new LinkedHashMap<>();
        BuildProperties properties = build.getIfAvailable();
        bridge.put("version", properties == null ? "unknown" : properties.getVersion());
        bridge.put("built", properties == null ? null : properties.getTime());
        bridge.put("pushPath", tccc.push().path());
        bridge.put("pushAuth", pushAuth.mode().name().toLowerCase(Locale.ROOT));
        bridge.put("pushSources", tccc.push().allowedSources().isEmpty() ? List.of("any") : tccc.push().allowedSources());
        bridge.put("dryRun", !crm.salesforce());
        bridge.put("delivery", delivery.enabled());
        bridge.put("retryWindow", delivery.retryWindow());
        return bridge;
    }

    private List<Map<String, Object>> unfinished() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (InboxStatistics.Count count : inbox.unfinished()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("status", count.status());
            row.put("action", count.action());
            row.put("rows", count.rows());
            row.put("oldest", count.oldest());
            row.put("oldestAgeSeconds", inbox.ageSeconds(count.oldest()));
            rows.add(row);
        }
        return rows;
    }
}
