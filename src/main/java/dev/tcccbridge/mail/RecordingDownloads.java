package dev.tcccbridge.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Downloads a voicemail's recording to attach it, when {@code bridge.voicemail.attach-audio}
 * is on. The download is bounded: connect, read and total time by
 * {@code bridge.voicemail.download-timeout}, size by {@code bridge.voicemail.max-attachment-bytes},
 * streamed to a temporary file (deleted when the delivery ends), never held in memory. Whatever
 * goes wrong, the mail still goes out with the link and a note why nothing is attached.
 */
@Component
public class RecordingDownloads implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingDownloads.class);
    private static final Map<String, String> EXTENSIONS = Map.of(
            "audio/mpeg", ".mp3", "audio/mp3", ".mp3", "audio/wav", ".wav", "audio/x-wav", ".wav",
            "audio/wave", ".wav", "audio/mp4", ".m4a", "audio/ogg", ".ogg", "audio/amr", ".amr");

    /** {@link #copy} results. */
    static final long TOO_LARGE = -1;
    static final long TOO_SLOW = -2;

    private final VoicemailProperties properties;
    private final CloseableHttpClient http;

    public RecordingDownloads(VoicemailProperties properties) {
        this.properties = properties;
        Timeout timeout = Timeout.of(properties.downloadTimeout());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout).setResponseTimeout(timeout).build())
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build();
    }

    /** The mail with the recording attached, or with a note why it is only linked. */
    public VoicemailMail attach(VoicemailMail mail, Exchange exchange) {
        if (!properties.attachAudio()) {
            return mail;
        }
        if (mail.recordingUrl() == null) {
            return mail.withAudio(RecordingAudio.unavailable("TCCC sent no web link for it"));
        }
        RecordingAudio audio = download(URI.create(mail.recordingUrl()));
        if (audio.file() != null) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    deleteQuietly(audio.file());
                }
            });
        }
        return mail.withAudio(audio);
    }

    RecordingAudio download(URI url) {
        long limit = properties.maxAttachmentBytes().toBytes();
        Duration timeout = properties.downloadTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpGet request = new HttpGet(url);
        ClassicHttpResponse response = null;
        Path file = null;
        boolean complete = false;
        try {
            response = http.executeOpen(null, request, null);
            HttpEntity entity = response.getEntity();
            if (response.getCode() != 200 || entity == null) {
                return unavailable(url, "the recording server answered HTTP " + response.getCode());
            }
            String type = mimeType(entity.getContentType());
            if (!type.startsWith("audio/") && !type.equals("application/octet-stream")) {
                return unavailable(url, "the recording server sent " + (type.isEmpty() ? "no content type" : type)
                        + ", not audio");
            }
            if (entity.getContentLength() > limit) {
                return tooLarge(url, limit);
            }
            file = Files.createTempFile("voicemail-", ".audio");
            long size;
            try (OutputStream out = Files.newOutputStream(file)) {
                size = copy(entity.getContent(), out, limit, deadline);
            }
            if (size == TOO_LARGE) {
                return tooLarge(url, limit);
            }
            if (size == TOO_SLOW) {
                return unavailable(url, "the download took longer than " + timeout.toSeconds() + " s");
            }
            complete = true;
            String contentType = type.startsWith("audio/") ? type : guessType(url);
            return RecordingAudio.attached(file, fileName(url, contentType), contentType, size);
        } catch (IOException | RuntimeException e) {
            return unavailable(url, "the download failed: " + e.getClass().getSimpleName());
        } finally {
            if (!complete) {
                // drop the connection: closing it normally would read the rest of the body
                request.cancel();
                deleteQuietly(file);
            }
            closeQuietly(response);
        }
    }

    /** Copies at most {@code limit} bytes before {@code deadline}; TOO_LARGE or TOO_SLOW when it cannot. */
    static long copy(InputStream in, OutputStream out, long limit, long deadline) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                return TOO_LARGE;
            }
            if (System.nanoTime() > deadline) {
                return TOO_SLOW;
            }
            out.write(buffer, 0, read);
        }
        return total;
    }

    private static RecordingAudio tooLarge(URI url, long limit) {
        LOG.info("Voicemail recording {} is larger than {}: linked, not attached", url, Sizes.readable(limit));
        return RecordingAudio.tooLarge(limit);
    }

    private static RecordingAudio unavailable(URI url, String why) {
        LOG.warn("Voicemail recording {} not attached: {}", url, why);
        return RecordingAudio.unavailable(why);
    }

    private static String mimeType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "";
        }
        ContentType parsed = ContentType.parseLenient(contentType);
        return parsed == null ? "" : parsed.getMimeType().toLowerCase(Locale.ROOT);
    }

    private static String guessType(URI url) {
        String path = url.getPath() == null ? "" : url.getPath().toLowerCase(Locale.ROOT);
        return EXTENSIONS.entrySet().stream()
                .filter(e -> path.endsWith(e.getValue()))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("application/octet-stream");
    }

    /** The URL's last path segment when it is a plain file name, else {@code voicemail} + extension. */
    static String fileName(URI url, String contentType) {
        String path = url.getPath() == null ? "" : url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.[A-Za-z0-9]{2,5}")) {
            return last;
        }
        return "voicemail" + EXTENSIONS.getOrDefault(contentType, ".audio");
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException | RuntimeException e) {
                // the connection was dropped on purpose or is gone: nothing to release
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete the temporary recording {}: {}", file, e.getMessage());
        }
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }
}
