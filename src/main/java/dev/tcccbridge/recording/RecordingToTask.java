package dev.tcccbridge.recording;

import dev.tcccbridge.crm.CrmMappingProperties;
import dev.tcccbridge.crm.CrmProperties;
import dev.tcccbridge.crm.FieldMappings;
import dev.tcccbridge.crm.PhoneNumbers;
import dev.tcccbridge.inbox.DeliveryDeferred;
import dev.tcccbridge.tccc.Recording;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * A recording as the recording field of its call's activity ({@code bridge.recording.task-field}),
 * upserted by SessionId like the CDR. The value is computed from every recording of the session
 * the inbox holds, not from this push alone, so a repeated, replayed or late push writes the same
 * text and never drops a link another push wrote; archived recordings are listed with their File.
 * Only that field is sent, with those of {@code bridge.crm.mapping.recording-task} (none by
 * default): the CDR's fields stay.
 */
@Component
public class RecordingToTask {

    /** The recording being delivered, kept while the body is the activity's fields, then its id. */
    public static final String RECORDING = "TcccRecording";
    /** The recording field's text as written. */
    static final String WRITTEN = "TcccRecordingsWritten";

    private final SessionRecordings inbox;
    private final ArchivedRecordings archived;
    private final RecordingLinks links;
    private final String field;
    private final FieldMappings<RecordingValue> mapping;

    public RecordingToTask(SessionRecordings inbox, ArchivedRecordings archived, CrmProperties crm,
                           RecordingProperties properties, CrmMappingProperties mappings, CamelContext camel) {
        this.inbox = inbox;
        this.archived = archived;
        this.links = new RecordingLinks(new PhoneNumbers(crm.phoneRegion()));
        this.field = properties.taskField();
        this.mapping = FieldMappings.compile("bridge.crm.mapping.recording-task", mappings.recordingTask(),
                RecordingValue.class, RecordingValue::key, Map.of(), camel);
    }

    /** Body: the recording → the activity's recording field, for {@code direct:crm-upsert}. */
    public Map<String, Object> map(@Body Recording recording, Exchange exchange) {
        String text = text(recording);
        exchange.setProperty(RECORDING, recording);
        exchange.setProperty(WRITTEN, text);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(field, text);
        fields.putAll(mapping.fields(value -> switch (value) {
            case RECORD_ID -> recording.recordId();
            case ENDPOINT_USER -> recording.endpointUser();
            case RECORD_URL -> recording.recordUrl();
        }, recording, Map.of(), "Recording " + recording.recordId()));
        return fields;
    }

    /**
     * After the upsert: when another recording of the session arrived while this one was being
     * written (its worker may have written before us, with a text that lacked ours or we lacked
     * its), the row is written again at the next poll; otherwise the body (the activity's id) goes on.
     *
     * @throws DeliveryDeferred when the session's recordings changed meanwhile
     */
    public void confirm(@ExchangeProperty(RECORDING) Recording recording,
                        @ExchangeProperty(WRITTEN) String written) {
        if (!text(recording).equals(written)) {
            throw new DeliveryDeferred("another recording of the session arrived while the links were written:"
                    + " written again", Duration.ZERO);
        }
    }

    /**
     * After the recording was archived: the recording field again, now naming the File instead of
     * TCCC's link (body: the fields; headers for {@code direct:crm-upsert}); null when the text is
     * unchanged (nothing was archived, as in dry-run).
     */
    public Map<String, Object> pointAtFiles(@ExchangeProperty(RECORDING) Recording recording,
                                            @ExchangeProperty(WRITTEN) String written, Exchange exchange) {
        return text(recording).equals(written) ? null : map(recording, exchange);
    }

    private String text(Recording recording) {
        List<Recording> all = new ArrayList<>(inbox.of(recording.sessionId()));
        all.add(recording);
        return links.text(all, archived.files(recording.sessionId()));
    }
}
