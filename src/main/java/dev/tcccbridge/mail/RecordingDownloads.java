package dev.tcccbridge.mail;

import dev.tcccbridge.download.AudioDownload;
import dev.tcccbridge.download.AudioDownloader;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Downloads a voicemail's recording to attach it, when {@code bridge.voicemail.attach-audio}
 * is on, with the bridge's one downloader ({@link AudioDownloader}, which also checks that the
 * link may be fetched): time by {@code bridge.voicemail.download-timeout}, size by
 * {@code bridge.voicemail.max-attachment-bytes}, streamed to a temporary file (deleted when the
 * delivery ends). Whatever goes wrong, the mail still goes out with the link and a note why
 * nothing is attached.
 */
@Component
public class RecordingDownloads {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingDownloads.class);

    private final VoicemailProperties properties;
    private final AudioDownloader downloader;

    public RecordingDownloads(VoicemailProperties properties, AudioDownloader downloader) {
        this.properties = properties;
        this.downloader = downloader;
    }

    /** The mail with the recording attached, or with a note why it is only linked. */
    public VoicemailMail attach(VoicemailMail mail, Exchange exchange) {
        if (!properties.attachAudio()) {
            return mail;
        }
        if (mail.recordingUrl() == null) {
            return mail.withAudio(RecordingAudio.unavailable("TCCC sent no web link for it"));
        }
        URI link;
        try {
            link = new URI(mail.recordingUrl().strip());
        } catch (URISyntaxException e) {
            return mail.withAudio(RecordingAudio.unavailable("its link is not a URL"));
        }
        RecordingAudio audio = download(link);
        if (audio.file() != null) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    AudioDownloader.deleteQuietly(audio.file());
                }
            });
        }
        return mail.withAudio(audio);
    }

    RecordingAudio download(URI url) {
        long limit = properties.maxAttachmentBytes().toBytes();
        AudioDownload download = downloader.download(url, properties.downloadTimeout(), limit, "voicemail");
        return switch (download.outcome()) {
            case DOWNLOADED -> RecordingAudio.attached(download.file(), download.fileName(), download.contentType(),
                    download.bytes());
            case TOO_LARGE -> {
                LOG.info("Voicemail recording {} is larger than {}: linked, not attached", url, Sizes.readable(limit));
                yield RecordingAudio.tooLarge(limit);
            }
            case NOT_AUDIO, REFUSED, FAILED -> {
                LOG.warn("Voicemail recording {} not attached: {}", url, download.problem());
                yield RecordingAudio.unavailable(download.problem());
            }
        };
    }
}
