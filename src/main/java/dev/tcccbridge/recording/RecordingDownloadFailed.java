package dev.tcccbridge.recording;

import java.io.IOException;

/** A recording could not be downloaded now (HTTP error, timeout, broken connection): worth a retry. */
public class RecordingDownloadFailed extends IOException {

    public RecordingDownloadFailed(String message) {
        super(message);
    }
}
