package dev.tcccbridge.recording;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
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

/**
 * Downloads a recording's audio, bounded: connect, read and total time by the timeout, size by
 * the caller's limit, checked to be audio, streamed to a temporary file (never held in memory).
 * Used for voicemail attachments and for archiving recordings; each user builds one with its
 * own timeout. The caller deletes the file ({@link #deleteQuietly}).
 */
public final class AudioDownloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AudioDownloader.class);
    static final Map<String, String> EXTENSIONS = Map.of(
            "audio/mpeg", ".mp3", "audio/mp3", ".mp3", "audio/wav", ".wav", "audio/x-wav", ".wav",
            "audio/wave", ".wav", "audio/mp4", ".m4a", "audio/ogg", ".ogg", "audio/amr", ".amr");

    /** {@link #copy} results. */
    static final long TOO_LARGE = -1;
    static final long TOO_SLOW = -2;

    private final Duration timeout;
    private final CloseableHttpClient http;

    public AudioDownloader(Duration timeout) {
        this.timeout = timeout;
        Timeout limit = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(limit).setSocketTimeout(limit).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(limit).setResponseTimeout(limit).build())
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build();
    }

    /**
     * Downloads at most {@code maxBytes} of audio from {@code url}.
     *
     * @param fallbackName file name (without extension) when the URL does not end in one
     */
    public AudioDownload download(URI url, long maxBytes, String fallbackName) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpGet request = new HttpGet(url);
        ClassicHttpResponse response = null;
        Path file = null;
        boolean complete = false;
        try {
            response = http.executeOpen(null, request, null);
            HttpEntity entity = response.getEntity();
            if (response.getCode() != 200 || entity == null) {
                return AudioDownload.failed("the recording server answered HTTP " + response.getCode());
            }
            String type = mimeType(entity.getContentType());
            if (!type.startsWith("audio/") && !type.equals("application/octet-stream")) {
                return AudioDownload.notAudio("the recording server sent "
                        + (type.isEmpty() ? "no content type" : type) + ", not audio");
            }
            if (entity.getContentLength() > maxBytes) {
                return AudioDownload.tooLarge(maxBytes);
            }
            file = Files.createTempFile("recording-", ".audio");
            long size;
            try (OutputStream out = Files.newOutputStream(file)) {
                size = copy(entity.getContent(), out, maxBytes, deadline);
            }
            if (size == TOO_LARGE) {
                return AudioDownload.tooLarge(maxBytes);
            }
            if (size == TOO_SLOW) {
                return AudioDownload.failed("the download took longer than " + timeout.toSeconds() + " s");
            }
            complete = true;
            String contentType = type.startsWith("audio/") ? type : guessType(url);
            return AudioDownload.downloaded(file, fileName(url, contentType, fallbackName), contentType, size);
        } catch (IOException | RuntimeException e) {
            return AudioDownload.failed("the download failed: " + e.getClass().getSimpleName());
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

    /** The URL's last path segment when it is a plain file name, else {@code fallbackName} + extension. */
    public static String fileName(URI url, String contentType, String fallbackName) {
        String path = url.getPath() == null ? "" : url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.[A-Za-z0-9]{2,5}")) {
            return last;
        }
        return fallbackName + EXTENSIONS.getOrDefault(contentType, ".audio");
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

    public static void deleteQuietly(Path file) {
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
    public void close() throws IOException {
        http.close();
    }
}
