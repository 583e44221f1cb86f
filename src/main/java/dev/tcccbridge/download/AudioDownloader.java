package dev.tcccbridge.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Downloads a recording's audio from a link that came with a push, for voicemail attachments and
 * for archiving recordings. Every link and every redirect hop is checked by the
 * {@link DownloadPolicy} (scheme, host, each resolved address) before anything is sent; at most
 * {@code bridge.download.max-redirects} redirects are followed. One hard deadline covers the
 * whole download (connect, redirects, headers, body): when it passes, the connection is dropped,
 * however slowly the server drips. The size is bounded by the caller's limit, the type checked to
 * be audio, the body streamed to a temporary file (never held in memory), which the caller
 * deletes ({@link #deleteQuietly}).
 */
@Component
public class AudioDownloader implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(AudioDownloader.class);
    static final Map<String, String> EXTENSIONS = Map.of(
            "audio/mpeg", ".mp3", "audio/mp3", ".mp3", "audio/wav", ".wav", "audio/x-wav", ".wav",
            "audio/wave", ".wav", "audio/mp4", ".m4a", "audio/ogg", ".ogg", "audio/amr", ".amr");

    /** {@link #copy} result when the body is larger than the limit. */
    static final long TOO_LARGE = -1;

    private final DownloadPolicy policy;
    private final int maxRedirects;
    private final CloseableHttpClient http;
    /** Drops the connection of a download whose deadline has passed. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audio-download-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    public AudioDownloader(DownloadProperties properties) {
        this(new DownloadPolicy(properties), properties.maxRedirects());
    }

    AudioDownloader(DownloadPolicy policy, int maxRedirects) {
        this.policy = policy;
        this.maxRedirects = maxRedirects;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        // the policy resolves host names: the addresses it checked are the ones connected to
                        .setDnsResolver(policy)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(10)).build())
                        .build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build();
    }

    /**
     * Downloads at most {@code maxBytes} of audio from {@code url} within {@code deadline}.
     *
     * @param fallbackName file name (without extension) when the URL does not end in one
     */
    public AudioDownload download(URI url, Duration deadline, long maxBytes, String fallbackName) {
        AtomicReference<HttpGet> current = new AtomicReference<>();
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> timer = deadlines.schedule(() -> {
            late.set(true);
            HttpGet request = current.get();
            if (request != null) {
                request.cancel();
            }
        }, deadline.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return follow(url, deadline, maxBytes, fallbackName, current, late);
        } finally {
            timer.cancel(false);
        }
    }

    private AudioDownload follow(URI first, Duration deadline, long maxBytes, String fallbackName,
                                 AtomicReference<HttpGet> current, AtomicBoolean late) {
        long end = System.nanoTime() + deadline.toNanos();
        URI url = first;
        for (int hop = 0; ; hop++) {
            try {
                policy.checkUrl(url);
            } catch (DownloadRefused refused) {
                return AudioDownload.refused(refused.getMessage());
            }
            HttpGet request = new HttpGet(url);
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
            request.setConfig(RequestConfig.custom()
                    .setConnectionRequestTimeout(Timeout.ofMilliseconds(left))
                    .setResponseTimeout(Timeout.ofMilliseconds(left))
                    .build());
            current.set(request);
            if (late.get()) {
                request.cancel();
            }
            ClassicHttpResponse response = null;
            Path file = null;
            boolean complete = false;
            try {
                response = http.executeOpen(null, request, null);
                int status = response.getCode();
                if (isRedirect(status)) {
                    if (hop >= maxRedirects) {
                        return AudioDownload.refused("more than " + maxRedirects + " redirects ("
                                + DownloadPolicy.MAX_REDIRECTS_KEY + ")");
                    }
                    URI next = location(url, response.getFirstHeader("Location"));
                    if (next == null) {
                        return AudioDownload.failed("the recording server answered HTTP " + status
                                + " without a usable Location");
                    }
                    url = next;
                    continue;
                }
                HttpEntity entity = response.getEntity();
                if (status != 200 || entity == null) {
                    return AudioDownload.failed("the recording server answered HTTP " + status);
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
                    size = copy(entity.getContent(), out, maxBytes);
                }
                if (size == TOO_LARGE) {
                    return AudioDownload.tooLarge(maxBytes);
                }
                if (late.get()) {
                    return tooSlow(deadline);
                }
                complete = true;
                String contentType = type.startsWith("audio/") ? type : guessType(url);
                return AudioDownload.downloaded(file, fileName(url, contentType, fallbackName), contentType, size);
            } catch (DownloadRefused refused) {
                return AudioDownload.refused(refused.getMessage());
            } catch (IOException | RuntimeException e) {
                if (late.get() || e instanceof InterruptedIOException) {
                    return tooSlow(deadline);
                }
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
    }

    private static AudioDownload tooSlow(Duration deadline) {
        return AudioDownload.failed("the download took longer than " + readable(deadline));
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The redirect's target, relative to where it came from; null when there is none or it is no URL. */
    static URI location(URI from, Header location) {
        if (location == null || location.getValue() == null || location.getValue().isBlank()) {
            return null;
        }
        try {
            return from.resolve(new URI(location.getValue().strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Copies at most {@code limit} bytes; TOO_LARGE when there are more. */
    static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                return TOO_LARGE;
            }
            out.write(buffer, 0, read);
        }
        return total;
    }

    private static String readable(Duration deadline) {
        return deadline.toMillis() % 1000 == 0 ? deadline.toSeconds() + " s" : deadline.toMillis() + " ms";
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
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }
}
