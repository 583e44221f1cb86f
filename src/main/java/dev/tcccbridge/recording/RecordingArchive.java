package dev.tcccbridge.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.crm.CrmProperties;
import dev.tcccbridge.crm.DryRunRequests;
import dev.tcccbridge.crm.PhoneNumbers;
import dev.tcccbridge.download.AudioDownload;
import dev.tcccbridge.download.AudioDownloader;
import dev.tcccbridge.tccc.Recording;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code direct:archive-recording} ({@code bridge.recording.archive}): a recording's
 * audio, downloaded before TCCC's link expires, becomes a Salesforce File on the call's
 * activity: a ContentVersion whose {@code FirstPublishLocationId} is the activity, created with
 * camel-salesforce's {@code createSObject}. Each RecordId once (recording_archive).
 *
 * <p>The audio travels base64-encoded in the JSON body ({@code VersionData}), which Salesforce
 * takes up to 37.5 MB of base64, hence {@code bridge.recording.max-bytes} of at most 28 MB. The
 * download is streamed to a temporary file and encoded from it into a second one, which is the
 * request body; camel-salesforce holds a request body in memory while it sends it (to resend it
 * after a new login), so an upload costs about 1.4 times the recording's size of heap.
 */
@Component
public class RecordingArchive {

    static final String FILE_OBJECT = "ContentVersion";
    /** The archived audio's size, kept while the body is the File's JSON. */
    static final String ARCHIVED_BYTES = "TcccArchivedBytes";
    static final int TITLE_LENGTH = 255;
    static final int DESCRIPTION_LENGTH = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(RecordingArchive.class);

    private final RecordingProperties properties;
    private final ArchivedRecordings archived;
    private final DryRunRequests dryRunRequests;
    private final ObjectMapper objectMapper;
    private final RecordingLinks links;
    private final AudioDownloader downloader;
    private final String apiVersion;

    public RecordingArchive(RecordingProperties properties, ArchivedRecordings archived, DryRunRequests dryRunRequests,
                            ObjectMapper objectMapper, CrmProperties crm, AudioDownloader downloader,
                            Environment environment) {
        this.properties = properties;
        this.archived = archived;
        this.dryRunRequests = dryRunRequests;
        this.objectMapper = objectMapper;
        this.links = new RecordingLinks(new PhoneNumbers(crm.phoneRegion()));
        this.downloader = downloader;
        this.apiVersion = environment.getProperty("camel.component.salesforce.api-version",
                SalesforceEndpointConfig.DEFAULT_VERSION);
    }

    /** Whether the recording still needs archiving (it is not a File yet). */
    public boolean needed(@ExchangeProperty(RecordingToTask.RECORDING) Recording recording) {
        return !archived.archived(recording.recordId());
    }

    /**
     * Body: the activity's id → the File's JSON, as a stream from a temporary file; headers for
     * camel-salesforce's createSObject.
     *
     * @throws RecordingDownloadFailed when the audio cannot be downloaded now (retried)
     * @throws RecordingNotArchivable  when it is too large or not audio (no retry helps)
     */
    public InputStream contentVersion(@Body String activityId,
                                      @ExchangeProperty(RecordingToTask.RECORDING) Recording recording,
                                      Exchange exchange) throws IOException {
        if (activityId == null || activityId.isBlank()) {
            throw new IllegalStateException("Salesforce did not answer the activity's id for session "
                    + recording.sessionId());
        }
        AudioDownload audio = download(recording);
        onCompletionDelete(exchange, audio.file());
        Path json = Files.createTempFile("content-version-", ".json");
        onCompletionDelete(exchange, json);
        writeJson(objectMapper, fields(recording, activityId, audio.fileName()), audio.file(), json);
        exchange.setProperty(ARCHIVED_BYTES, audio.bytes());
        Message message = exchange.getMessage();
        message.removeHeaders("sObject*");
        message.setHeader(SalesforceEndpointConfig.SOBJECT_NAME, FILE_OBJECT);
        return Files.newInputStream(json);
    }

    /** After createSObject: the File's id is remembered, so the recording is never uploaded again. */
    public String archived(@Body String response, @ExchangeProperty(RecordingToTask.RECORDING) Recording recording,
                           @ExchangeProperty(ARCHIVED_BYTES) long bytes) {
        String fileId = id(response);
        archived.remember(recording.recordId(), recording.sessionId(), fileId, bytes);
        LOG.info("Recording {} of session {} archived as Salesforce File {} ({} bytes)", recording.recordId(),
                recording.sessionId(), fileId, bytes);
        return fileId;
    }

    /**
     * Dry-run: the File's request is recorded without its audio, which is not downloaded (there
     * is no activity id either: nothing was sent).
     */
    public void recordDryRun(@ExchangeProperty(RecordingToTask.RECORDING) Recording recording) {
        Map<String, Object> fields = fields(recording, null, "tccc-recording-" + recording.recordId());
        fields.put("VersionData", "(base64 of the audio at " + recording.bestUrl() + ", not downloaded in dry-run)");
        dryRunRequests.record("POST", "/services/data/v" + apiVersion + "/sobjects/" + FILE_OBJECT, json(fields));
    }

    private AudioDownload download(Recording recording) throws RecordingDownloadFailed {
        long limit = properties.maxBytes().toBytes();
        String url = recording.bestUrl();
        URI link;
        try {
            link = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new RecordingNotArchivable("recording " + recording.recordId() + " not archived: its link is "
                    + "not a URL (" + url + ")");
        }
        AudioDownload audio = downloader.download(link, properties.downloadTimeout(), limit,
                "tccc-recording-" + recording.recordId().replaceAll("[^A-Za-z0-9._-]", "_"));
        return switch (audio.outcome()) {
            case DOWNLOADED -> audio;
            case TOO_LARGE -> throw new RecordingNotArchivable("recording " + recording.recordId()
                    + " is larger than bridge.recording.max-bytes (" + properties.maxBytes().toBytes()
                    + " bytes): not archived, its link stays on the activity");
            case NOT_AUDIO, REFUSED -> throw new RecordingNotArchivable("recording " + recording.recordId() + " not archived: "
                    + audio.problem() + " (" + url + ")");
            case FAILED -> throw new RecordingDownloadFailed("recording " + recording.recordId()
                    + " could not be downloaded: " + audio.problem() + " (" + url + ")");
        };
    }

    /** The File's fields but its content. */
    Map<String, Object> fields(Recording recording, String activityId, String fileName) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Title", cut("Call recording, " + links.side(recording), TITLE_LENGTH));
        fields.put("PathOnClient", fileName);
        fields.put("Description", cut("TCCC recording " + recording.recordId() + " of session "
                + recording.sessionId() + (recording.timestamp() == null || recording.timestamp() <= 0 ? ""
                : ", " + Instant.ofEpochSecond(recording.timestamp())) + ". Link: " + recording.bestUrl(),
                DESCRIPTION_LENGTH));
        if (activityId != null) {
            fields.put("FirstPublishLocationId", activityId);
        }
        return fields;
    }

    /** {@code {...fields, "VersionData": "<base64 of audio>"}}, encoded as it is written. */
    static void writeJson(ObjectMapper objectMapper, Map<String, Object> fields, Path audio, Path json)
            throws IOException {
        String head = objectMapper.writeValueAsString(fields);
        try (OutputStream out = Files.newOutputStream(json)) {
            out.write(head.substring(0, head.length() - 1).getBytes(StandardCharsets.UTF_8));
            out.write(",\"VersionData\":\"".getBytes(StandardCharsets.UTF_8));
            try (OutputStream base64 = Base64.getEncoder().wrap(new FilterOutputStream(out) {
                @Override
                public void close() throws IOException {
                    flush(); // the encoder's close writes the padding; the JSON goes on
                }
            })) {
                Files.copy(audio, base64);
            }
            out.write("\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private String id(String response) {
        try {
            JsonNode id = objectMapper.readTree(response == null ? "" : response).path("id");
            if (id.isMissingNode() || id.isNull() || id.asText().isBlank()) {
                throw new IllegalStateException("Salesforce answered the File without its id: " + response);
            }
            return id.asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Salesforce answered the File with something that is not JSON", e);
        }
    }

    private String json(Map<String, Object> fields) {
        try {
            return objectMapper.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("File fields that cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    private static void onCompletionDelete(Exchange exchange, Path file) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                AudioDownloader.deleteQuietly(file);
            }
        });
    }
}
