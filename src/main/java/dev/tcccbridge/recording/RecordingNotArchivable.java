package dev.tcccbridge.recording;

/**
 * A recording that can never be archived as it is: larger than {@code bridge.recording.max-bytes},
 * or not audio. An {@link IllegalArgumentException}, which delivery treats as "no retry can fix
 * this": the row is dead with this message (its link stays on the activity).
 */
public class RecordingNotArchivable extends IllegalArgumentException {

    public RecordingNotArchivable(String message) {
        super(message);
    }
}
