package dev.tcccbridge.recording;

/**
 * The values of a recording push that {@code bridge.crm.mapping.recording-task} can write on the
 * call's activity, by the name used there.
 */
public enum RecordingValue {
    RECORD_ID("recordId"),
    ENDPOINT_USER("endpointUser"),
    RECORD_URL("recordUrl");

    private final String key;

    RecordingValue(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
