package dev.tcccbridge.mail;

import java.nio.file.Path;

/**
 * The voicemail's audio as far as the mail is concerned: attached, or only linked and why.
 *
 * @param status      what happened
 * @param file        the downloaded audio (a temporary file, deleted when the delivery ends), when attached
 * @param fileName    the attachment's name
 * @param contentType the attachment's type
 * @param bytes       its size
 * @param note        a sentence for the reader when the recording is linked instead of attached
 */
public record RecordingAudio(Status status, Path file, String fileName, String contentType, long bytes, String note) {

    public enum Status {
        /** bridge.voicemail.attach-audio is off: the mail links the recording. */
        NOT_REQUESTED,
        ATTACHED,
        /** larger than bridge.voicemail.max-attachment-bytes: linked. */
        TOO_LARGE,
        /** not downloadable (error, timeout, not audio): linked. */
        UNAVAILABLE
    }

    public static RecordingAudio notRequested() {
        return new RecordingAudio(Status.NOT_REQUESTED, null, null, null, 0, "");
    }

    public static RecordingAudio attached(Path file, String fileName, String contentType, long bytes) {
        return new RecordingAudio(Status.ATTACHED, file, fileName, contentType, bytes, "");
    }

    public static RecordingAudio tooLarge(long limitBytes) {
        return new RecordingAudio(Status.TOO_LARGE, null, null, null, 0,
                "The recording is larger than the attachment limit (" + Sizes.readable(limitBytes)
                        + "), so it is not attached: use the link.");
    }

    public static RecordingAudio unavailable(String why) {
        return new RecordingAudio(Status.UNAVAILABLE, null, null, null, 0,
                "The recording could not be attached (" + why + "): use the link.");
    }

    public boolean attached() {
        return status == Status.ATTACHED;
    }
}
