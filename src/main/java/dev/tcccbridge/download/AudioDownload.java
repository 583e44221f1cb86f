package dev.tcccbridge.download;

import java.nio.file.Path;

/**
 * What {@link AudioDownloader} got.
 *
 * @param outcome     downloaded, or why not
 * @param file        the audio (a temporary file the caller deletes), when downloaded
 * @param fileName    a name for it, with an extension that fits its type
 * @param contentType its type
 * @param bytes       its size
 * @param limitBytes  the size limit, when it was too large
 * @param problem     why it was not downloaded, in words
 */
public record AudioDownload(Outcome outcome, Path file, String fileName, String contentType, long bytes,
                            long limitBytes, String problem) {

    public enum Outcome {
        DOWNLOADED,
        /** larger than the limit: no retry helps. */
        TOO_LARGE,
        /** the server sent something else than audio (an error page, say). */
        NOT_AUDIO,
        /** the link (or a redirect) is not allowed by {@link DownloadPolicy}: no retry helps. */
        REFUSED,
        /** an HTTP error, a timeout, a broken connection: a later attempt may succeed. */
        FAILED
    }

    static AudioDownload downloaded(Path file, String fileName, String contentType, long bytes) {
        return new AudioDownload(Outcome.DOWNLOADED, file, fileName, contentType, bytes, 0, null);
    }

    static AudioDownload tooLarge(long limitBytes) {
        return new AudioDownload(Outcome.TOO_LARGE, null, null, null, 0, limitBytes,
                "the recording is larger than " + limitBytes + " bytes");
    }

    static AudioDownload notAudio(String problem) {
        return new AudioDownload(Outcome.NOT_AUDIO, null, null, null, 0, 0, problem);
    }

    static AudioDownload refused(String reason) {
        return new AudioDownload(Outcome.REFUSED, null, null, null, 0, 0, "the link is refused: " + reason);
    }

    static AudioDownload failed(String problem) {
        return new AudioDownload(Outcome.FAILED, null, null, null, 0, 0, problem);
    }
}
