package dev.tcccbridge.crm;

import java.util.Arrays;
import java.util.Optional;

/**
 * The values of a call that the CDR mapping ({@code bridge.crm.mapping.cdr-task}) can write
 * into CRM fields, by the name used there. docs/CRM-MAPPING.md describes each.
 */
public enum CallValue {
    SESSION_ID("sessionId"),
    SUBJECT("subject"),
    CALL_TYPE("callType"),
    DURATION_SECONDS("durationSeconds"),
    IVR_DURATION_SECONDS("ivrDurationSeconds"),
    END_STATUS("endStatus"),
    END_STATUS_TEXT("endStatusText"),
    ACTIVITY_DATE("activityDate"),
    START_TIME("startTime"),
    ANSWER_TIME("answerTime"),
    END_TIME("endTime"),
    OWNER_ID("ownerId"),
    WHO_ID("whoId"),
    WHAT_ID("whatId"),
    CUSTOMER_NUMBER("customerNumber"),
    DESCRIPTION("description"),
    AGENT_EMAIL("agentEmail"),
    AGENT_NAME("agentName"),
    QUEUE("queue"),
    HUNG_UP_SIDE("hungUpSide"),
    HUNG_UP_BY("hungUpBy"),
    WAIT_SECONDS("waitSeconds"),
    RING_SECONDS("ringSeconds"),
    AGENTS("agents"),
    TRANSFER_COUNT("transferCount"),
    SATISFACTION_KEY("satisfactionKey"),
    CUSTOMER_LOCATION("customerLocation"),
    RECORD_ID("recordId"),
    UUI("uui");

    private final String key;

    CallValue(String key) {
        this.key = key;
    }

    /** The name used in the mapping. */
    public String key() {
        return key;
    }

    public static Optional<CallValue> of(String key) {
        return Arrays.stream(values()).filter(v -> v.key.equals(key == null ? null : key.strip())).findFirst();
    }
}
