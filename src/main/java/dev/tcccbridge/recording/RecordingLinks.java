package dev.tcccbridge.recording;

import dev.tcccbridge.crm.PhoneNumbers;
import dev.tcccbridge.tccc.Recording;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The recordings of one call as the text of the activity's recording field: one line per
 * recording, saying whose side it is, with its link ({@link Recording#bestUrl()}).
 *
 * <pre>
 * Customer +86 184 8614 7605: https://.../customer.mp3
 * Agent zhangsan@example.com: https://.../agent.mp3
 * </pre>
 *
 * <p>The text depends only on the set of recordings, never on the order they arrived in:
 * repeats of a RecordId count once, and lines are sorted by Timestamp, then RecordId. A recording
 * archived as a Salesforce File is listed with the File instead of TCCC's link, which expires:
 * {@code Customer +86 184 8614 7605: Salesforce File 068...}.
 */
public final class RecordingLinks {

    /** The length of TCCC_Recordings__c (salesforce/): lines that do not fit are left out. */
    static final int MAX_LENGTH = 32_768;

    /** Of two pushes of one RecordId, the one with the customer's own copy, else the longer link. */
    private static final Comparator<Recording> BETTER = Comparator
            .comparing((Recording r) -> present(r.customRecordUrl()))
            .thenComparing(r -> present(r.bestUrl()))
            .thenComparing(r -> Objects.toString(r.bestUrl(), ""))
            .thenComparing(r -> Objects.toString(r.endpointUser(), ""));

    static final Comparator<Recording> ORDER = Comparator
            .comparing((Recording r) -> r.timestamp() == null ? Long.MAX_VALUE : r.timestamp())
            .thenComparing(r -> Objects.toString(r.recordId(), ""))
            .thenComparing(r -> Objects.toString(r.bestUrl(), ""));

    private final PhoneNumbers phoneNumbers;
    private final int maxLength;

    public RecordingLinks(PhoneNumbers phoneNumbers) {
        this(phoneNumbers, MAX_LENGTH);
    }

    RecordingLinks(PhoneNumbers phoneNumbers, int maxLength) {
        this.phoneNumbers = phoneNumbers;
        this.maxLength = maxLength;
    }

    /** Each recording once (by RecordId), in the order of the text. */
    public List<Recording> distinct(Collection<Recording> recordings) {
        Map<String, Recording> byId = new LinkedHashMap<>();
        for (Recording recording : recordings) {
            if (recording == null || !present(recording.bestUrl())) {
                continue;
            }
            String key = present(recording.recordId()) ? "id:" + recording.recordId().strip()
                    : "url:" + recording.bestUrl();
            byId.merge(key, recording, (a, b) -> BETTER.compare(a, b) >= 0 ? a : b);
        }
        List<Recording> distinct = new ArrayList<>(byId.values());
        distinct.sort(ORDER);
        return distinct;
    }

    /** The field's text: one line per recording; empty when none has a link. */
    public String text(Collection<Recording> recordings) {
        return text(recordings, Map.of());
    }

    /**
     * As {@link #text(Collection)}, with the Files of archived recordings.
     *
     * @param files RecordId → the ContentVersion its audio became
     */
    public String text(Collection<Recording> recordings, Map<String, String> files) {
        StringBuilder text = new StringBuilder();
        for (Recording recording : distinct(recordings)) {
            String file = recording.recordId() == null ? null : files.get(recording.recordId().strip());
            String line = file == null ? line(recording) : side(recording) + ": Salesforce File " + file;
            int length = text.length() + (text.isEmpty() ? 0 : 1) + line.length();
            if (length > maxLength) {
                break;
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(line);
        }
        return text.toString();
    }

    /** {@code Customer +86 184 8614 7605: <url>} or {@code Agent zhangsan@example.com: <url>}. */
    public String line(Recording recording) {
        return side(recording) + ": " + recording.bestUrl().strip();
    }

    /** Whose side a recording is: {@code Customer <number>}, {@code Agent <e-mail>}, or {@code Recording <id>}. */
    public String side(Recording recording) {
        String endpoint = recording.endpointUser() == null ? "" : recording.endpointUser().strip();
        if (endpoint.isEmpty()) {
            return "Recording " + Objects.toString(recording.recordId(), "").strip();
        }
        return recording.agentSide() ? "Agent " + endpoint : "Customer " + phoneNumbers.display(endpoint);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
