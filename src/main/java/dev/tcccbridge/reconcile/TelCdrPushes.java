package dev.tcccbridge.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcccbridge.tccc.Cdr;
import dev.tcccbridge.tccc.PushAction;
import dev.tcccbridge.tccc.PushEnvelope;
import dev.tcccbridge.tccc.PushIds;
import dev.tcccbridge.tccc.PushIntake;
import dev.tcccbridge.tccc.PushReader;
import dev.tcccbridge.tccc.PushRejected;
import dev.tcccbridge.tccc.Recording;
import dev.tcccbridge.tccc.TcccPush;
import dev.tcccbridge.tccc.Voicemail;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pushes a call of DescribeTelCdr would have made: its CDR ({@code cdr}), each recording
 * ({@code record}: the customer's side from {@code RecordId} / {@code RecordURL} /
 * {@code CustomRecordURL}, each agent's from its {@code ServeParticipants} entry) and each
 * voicemail ({@code voicemail}, from the {@code VoicemailRecordURL} list), in the vendor's push
 * format, each with its stable key {@link PushIds#reconciled}. Calls that ended within the grace
 * time are left to their pushes; items that are no CDR with a usable SessionId are counted and
 * left out.
 */
public class TelCdrPushes {

    /** The inbox's record_id column. */
    static final int MAX_ID_LENGTH = 128;

    private static final Logger LOG = LoggerFactory.getLogger(TelCdrPushes.class);

    private final PushReader reader;
    private final ObjectMapper json;
    private final long sdkAppId;

    public TelCdrPushes(PushReader reader, ObjectMapper json, long sdkAppId) {
        this.reader = reader;
        this.json = json;
        this.sdkAppId = sdkAppId;
    }

    /** A page's items → the pushes of its calls, CDR first, then recordings, then voicemails. */
    public List<PushEnvelope> of(@Body List<JsonNode> items,
                                 @ExchangeProperty(ReconcileProgress.PROPERTY) ReconcileProgress run) {
        List<PushEnvelope> pushes = new ArrayList<>();
        for (JsonNode item : items) {
            run.seen();
            Cdr cdr = cdr(item, run.requestId());
            if (cdr == null) {
                run.unreadable();
            } else if (cdr.endedTimestamp() != null && cdr.endedTimestamp() > run.settledBefore()) {
                run.recent();
            } else {
                pushes.add(new PushEnvelope(PushIds.reconciled(cdr), cdr, item.toString()));
                recordings(item, cdr).forEach(recording -> pushes.add(envelope(recording, PushIds.reconciled(recording))));
                List<Voicemail> voicemails = voicemails(item, cdr);
                for (int i = 0; i < voicemails.size(); i++) {
                    // a second voicemail of one call gets a key of its own
                    String key = PushIds.reconciled(voicemails.get(i)) + (i == 0 ? "" : "#" + (i + 1));
                    pushes.add(envelope(voicemails.get(i), key));
                }
            }
        }
        return pushes;
    }

    /** The item as a CDR (with our SdkAppId where it has none), or null (logged) when it is none. */
    private Cdr cdr(JsonNode item, String requestId) {
        if (!(item instanceof ObjectNode cdrJson)) {
            LOG.warn("reconciliation: a TelCdrList item is not a JSON object (RequestId {}); left out", requestId);
            return null;
        }
        if (!cdrJson.hasNonNull("SdkAppId")) {
            cdrJson.put("SdkAppId", sdkAppId);
        }
        try {
            Cdr cdr = (Cdr) reader.read(PushAction.CDR, cdrJson.toString());
            if (!usable(cdr.sessionId(), PushIntake.MAX_SESSION_ID_LENGTH)) {
                LOG.warn("reconciliation: a CDR without a usable SessionId (RequestId {}); left out", requestId);
                return null;
            }
            return cdr;
        } catch (PushRejected e) {
            LOG.warn("reconciliation: an unreadable CDR (RequestId {}): {}; left out", requestId, e.getMessage());
            return null;
        }
    }

    /** The customer's side, then each agent's: those with a RecordId and a link. */
    private List<Recording> recordings(JsonNode item, Cdr cdr) {
        List<Recording> recordings = new ArrayList<>();
        Long ended = cdr.endedTimestamp();
        recording(cdr, item, cdr.customerNumber(), ended).ifPresent(recordings::add);
        for (JsonNode participant : item.path("ServeParticipants")) {
            String endpoint = text(participant, "Mail");
            if (endpoint == null) {
                endpoint = text(participant, "Phone");
            }
            long participantEnded = participant.path("EndedTimestamp").asLong(0);
            recording(cdr, participant, endpoint, participantEnded > 0 ? participantEnded : ended)
                    .ifPresent(recordings::add);
        }
        return recordings;
    }

    private Optional<Recording> recording(Cdr cdr, JsonNode side, String endpointUser, Long timestamp) {
        String recordId = text(side, "RecordId");
        String url = text(side, "RecordURL");
        String customUrl = text(side, "CustomRecordURL");
        if (!usable(recordId, MAX_ID_LENGTH) || (url == null && customUrl == null)) {
            return Optional.empty();
        }
        return Optional.of(new Recording(cdr.sdkAppId(), recordId, cdr.sessionId(), timestamp, endpointUser,
                url, customUrl));
    }

    /** VoicemailRecordURL is a list of links (a single text is taken as a list of one). */
    private static List<Voicemail> voicemails(JsonNode item, Cdr cdr) {
        JsonNode links = field(item, "VoicemailRecordURL");
        List<Voicemail> voicemails = new ArrayList<>();
        Iterator<JsonNode> each = links.isArray() ? links.elements() : List.of(links).iterator();
        while (each.hasNext()) {
            JsonNode link = each.next();
            if (link.isTextual() && !link.asText().isBlank()) {
                voicemails.add(new Voicemail(cdr.sdkAppId(), cdr.sessionId(), cdr.endedTimestamp(),
                        link.asText().strip(), cdr.customerNumber()));
            }
        }
        return voicemails;
    }

    private PushEnvelope envelope(TcccPush payload, String pushId) {
        try {
            return new PushEnvelope(pushId, payload, json.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a push record always serialises", e);
        }
    }

    private static boolean usable(String id, int maxLength) {
        return id != null && !id.isBlank() && id.length() <= maxLength;
    }

    /** A text field, its name in any case (the API is not consistent: AsrUrl, AsrURL); null when blank. */
    private static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return (value.isTextual() || value.isNumber()) && !value.asText().isBlank() ? value.asText().strip() : null;
    }

    private static JsonNode field(JsonNode node, String name) {
        if (node.has(name)) {
            return node.get(name);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return MissingNode.getInstance();
    }
}
