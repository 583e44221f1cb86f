package dev.tcccbridge.mail;

/**
 * The values of a voicemail that the call-back Task's mapping ({@code bridge.crm.mapping.voicemail-task})
 * can write, by the name used there. docs/CRM-MAPPING.md describes each.
 */
public enum VoicemailValue {
    SESSION_ID("sessionId"),
    SUBJECT("subject"),
    DUE_DATE("dueDate"),
    DESCRIPTION("description"),
    CALLER_NUMBER("callerNumber"),
    RECORDING_URL("recordingUrl"),
    WHO_ID("whoId"),
    OWNER_ID("ownerId"),
    CALL_TASK_ID("callTaskId");

    private final String key;

    VoicemailValue(String key) {
        this.key = key;
    }

    /** The name used in the mapping. */
    public String key() {
        return key;
    }
}
