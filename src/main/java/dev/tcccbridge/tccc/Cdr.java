package dev.tcccbridge.tccc;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A call record (CDR) as TCCC pushes it with {@code action=cdr}: one record per call session.
 * Field names are the vendor's, matched case-insensitively; numbers are wrappers so that an
 * absent value stays {@code null}. A timestamp of {@code 0} means "did not happen": read
 * timestamps through {@link Timestamps}.
 */
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
public record Cdr(
        @JsonProperty("SdkAppId") Long sdkAppId,
        @JsonProperty("SessionId") String sessionId,
        @JsonProperty("Caller") String caller,
        @JsonProperty("Callee") String callee,
        /** 0 inbound, 1 outbound. */
        @JsonProperty("Direction") Integer direction,
        @JsonProperty("Duration") Long duration,
        /** The last agent of the session. */
        @JsonProperty("SeatUser") SeatUser seatUser,
        @JsonProperty("CallerLocation") String callerLocation,
        @JsonProperty("IVRDuration") Long ivrDuration,
        @JsonProperty("RingTimestamp") Long ringTimestamp,
        @JsonProperty("AcceptTimestamp") Long acceptTimestamp,
        @JsonProperty("EndedTimestamp") Long endedTimestamp,
        @JsonProperty("StartTimestamp") Long startTimestamp,
        @JsonProperty("QueuedTimestamp") Long queuedTimestamp,
        @JsonProperty("IVRKeyPressed") List<String> ivrKeyPressed,
        @JsonProperty("IVRKeyPressedEx") List<KeyPress> ivrKeyPressedEx,
        @JsonProperty("PostIVRKeyPressed") List<KeyPress> postIvrKeyPressed,
        /** {@code user} or {@code seat}. */
        @JsonProperty("HungUpSide") String hungUpSide,
        @JsonProperty("ServeParticipants") List<ServeParticipant> serveParticipants,
        @JsonProperty("EndStatusString") String endStatusString,
        @JsonProperty("QueuedSkillGroupName") String queuedSkillGroupName,
        @JsonProperty("QueuedSkillGroupId") @JsonAlias("QueuedSkillGroupID") Long queuedSkillGroupId,
        /** The customer-side recording. */
        @JsonProperty("RecordId") String recordId,
        @JsonProperty("UserRemark") String userRemark,
        @JsonProperty("Uui") String uui,
        @JsonProperty("TelLocation") TelLocation telLocation) implements TcccPush {

    public Cdr {
        ivrKeyPressed = ivrKeyPressed == null ? List.of() : ivrKeyPressed;
        ivrKeyPressedEx = ivrKeyPressedEx == null ? List.of() : ivrKeyPressedEx;
        postIvrKeyPressed = postIvrKeyPressed == null ? List.of() : postIvrKeyPressed;
        serveParticipants = serveParticipants == null ? List.of() : serveParticipants;
    }

    @Override
    public PushAction action() {
        return PushAction.CDR;
    }

    public boolean inbound() {
        return direction == null || direction == 0;
    }

    /** The customer's number: the caller of an inbound call, the callee of an outbound one. */
    public String customerNumber() {
        return inbound() ? caller : callee;
    }

    @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
    public record SeatUser(
            @JsonProperty("Mail") String mail,
            @JsonProperty("Name") String name,
            @JsonProperty("Nick") String nick,
            @JsonProperty("Phone") String phone,
            @JsonProperty("UserId") String userId,
            @JsonProperty("StaffNumber") String staffNumber,
            @JsonProperty("SkillGroupNameList") List<String> skillGroupNameList) {

        public SeatUser {
            skillGroupNameList = skillGroupNameList == null ? List.of() : skillGroupNameList;
        }
    }

    /** One service track of the session: an agent leg, a transfer. */
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
    public record ServeParticipant(
            @JsonProperty("Mail") String mail,
            @JsonProperty("Phone") String phone,
            @JsonProperty("RingTimestamp") Long ringTimestamp,
            @JsonProperty("AcceptTimestamp") Long acceptTimestamp,
            @JsonProperty("EndedTimestamp") Long endedTimestamp,
            @JsonProperty("StartTimestamp") Long startTimestamp,
            @JsonProperty("RecordId") String recordId,
            /** staffSeat, outboundSeat, staffPhoneSeat, miniProgramSeat. */
            @JsonProperty("Type") String type,
            @JsonProperty("TransferFrom") String transferFrom,
            @JsonProperty("TransferFromType") String transferFromType,
            @JsonProperty("TransferTo") String transferTo,
            @JsonProperty("TransferToType") String transferToType,
            @JsonProperty("SkillGroupId") Long skillGroupId,
            @JsonProperty("SkillGroupName") String skillGroupName,
            @JsonProperty("SkillGroupPriority") Integer skillGroupPriority,
            @JsonProperty("EndStatusString") String endStatusString,
            @JsonProperty("Sequence") Integer sequence) {
    }

    @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
    public record TelLocation(
            @JsonProperty("TelNumber") String telNumber,
            @JsonProperty("Country") String country,
            @JsonProperty("Province") String province,
            @JsonProperty("City") String city,
            @JsonProperty("Operator") String operator) {
    }

    /** An IVR key press with the label the IVR gives it, e.g. {@code 1 = Very satisfied}. */
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
    public record KeyPress(@JsonProperty("Key") String key, @JsonProperty("Label") String label) {
    }
}
