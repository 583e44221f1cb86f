package dev.tcccbridge.testing;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import dev.tcccbridge.mail.MessageIds;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What became of the pushes a {@link PushLoad} saw acknowledged, counted where a user would look:
 * the inbox (each acknowledged push id once, delivered), the Salesforce stub (each call's Task,
 * with its recording's link; upserts counted per session) and the SMTP server (each voicemail's
 * mail; mails counted per Message-ID).
 *
 * <p>Lost: acknowledged, but not delivered. Duplicated: a second Task for a session, or a second
 * mail with one Message-ID (the recipient would see it twice). Upserts repeated: an upsert sent
 * again for a record already written, which Salesforce takes as an update of the same record
 * (upserts are keyed by SessionId): counted, not a duplicate.
 */
public final class DeliveryLedger {

    /** The figures of one scenario. */
    public record Figures(String scenario, int sent, int acknowledged, int delivered, int lost, int duplicated,
                          int upsertsRepeated, int answers503, int unexpected, String faults,
                          List<String> problems) {

        public String line() {
            return "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %s |".formatted(scenario, sent, acknowledged, delivered,
                    lost, duplicated, upsertsRepeated, answers503, unexpected, faults);
        }
    }

    private final JdbcTemplate inbox;
    private final SalesforceRecords salesforce;
    private final GreenMail smtp;

    public DeliveryLedger(JdbcTemplate inbox, SalesforceRecords salesforce, GreenMail smtp) {
        this.inbox = inbox;
        this.salesforce = salesforce;
        this.smtp = smtp;
    }

    /** Waits until no inbox row is waiting for delivery (all done or dead). */
    public void awaitDrained(Duration atMost) {
        // faults injected on purpose make other threads throw (an SMTP server's handler): not the test's failure
        await().dontCatchUncaughtExceptions().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> inbox.queryForObject(
                "SELECT COUNT(*) FROM tccc_inbox WHERE status NOT IN ('DONE', 'DEAD')", Integer.class) == 0);
    }

    /** Counts what became of the acknowledged pushes. */
    public Figures count(String scenario, PushLoad load, String faults) {
        List<PushLoad.Push> acked = load.acknowledged();
        Map<String, Integer> inboxRows = new HashMap<>();
        Map<String, String> status = new HashMap<>();
        inbox.query("SELECT push_id, status FROM tccc_inbox", row -> {
            inboxRows.merge(row.getString(1), 1, Integer::sum);
            status.put(row.getString(1), row.getString(2));
        });
        Map<String, Integer> mailsPerMessageId = new LinkedHashMap<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            try {
                mailsPerMessageId.merge(mail.getMessageID(), 1, Integer::sum);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        List<String> problems = new ArrayList<>();
        int delivered = 0;
        int lost = 0;
        Map<String, Integer> expectedUpserts = new HashMap<>();
        for (PushLoad.Push push : acked) {
            boolean ok = inboxRows.getOrDefault(push.pushId(), 0) == 1 && "DONE".equals(status.get(push.pushId()))
                    && arrived(push, mailsPerMessageId);
            if (ok) {
                delivered++;
            } else {
                lost++;
                problems.add("lost: " + push + " inbox rows " + inboxRows.getOrDefault(push.pushId(), 0) + ", status "
                        + status.get(push.pushId()));
            }
            if (!push.action().equals("voicemail")) {
                expectedUpserts.merge(push.sessionId(), 1, Integer::sum);
            }
        }
        int duplicated = 0;
        for (Map.Entry<String, Integer> mails : mailsPerMessageId.entrySet()) {
            if (mails.getValue() > 1) {
                duplicated += mails.getValue() - 1;
                problems.add("mail " + mails.getKey() + " received " + mails.getValue() + " times");
            }
        }
        Map<String, Integer> tasksPerSession = new HashMap<>();
        for (Map<String, Object> task : salesforce.all("Task")) {
            tasksPerSession.merge(String.valueOf(task.get("TCCC_Session_Id__c")), 1, Integer::sum);
        }
        for (Map.Entry<String, Integer> tasks : tasksPerSession.entrySet()) {
            if (tasks.getValue() > 1) {
                duplicated += tasks.getValue() - 1;
                problems.add("session " + tasks.getKey() + " has " + tasks.getValue() + " Tasks");
            }
        }
        int repeated = 0;
        for (Map.Entry<String, Integer> session : expectedUpserts.entrySet()) {
            int upserts = salesforce.sent("Task", "TCCC_Session_Id__c", session.getKey()).size();
            repeated += Math.max(0, upserts - session.getValue());
        }
        return new Figures(scenario, load.sent(), acked.size(), delivered, lost, duplicated, repeated,
                load.answers503(), load.unexpected().size(), faults, problems);
    }

    private boolean arrived(PushLoad.Push push, Map<String, Integer> mailsPerMessageId) {
        return switch (push.action()) {
            case "cdr" -> salesforce.get("Task", push.sessionId()) != null;
            case "record" -> {
                Map<String, Object> task = salesforce.get("Task", push.sessionId());
                yield task != null && String.valueOf(task.get("TCCC_Recordings__c")).contains(push.sessionId() + ".mp3");
            }
            default -> mailsPerMessageId.containsKey(MessageIds.voicemail(push.sessionId()));
        };
    }

    /** Appends the scenario's figures to target/reliability/figures.md, for docs/RELIABILITY.md. */
    public static void publish(Figures figures) {
        Path file = Path.of("target", "reliability", "figures.md");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, figures.line() + System.lineSeparator(), java.nio.charset.StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("[reliability] " + figures.line());
        figures.problems().forEach(problem -> System.out.println("[reliability]   " + problem));
    }
}
