package dev.tcccbridge.tccc;

import java.util.Map;

/** TCCC's {@code EndStatusString} codes in words. Unknown (newer) codes are shown as they are. */
public final class EndStatus {

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("ok", "completed normally"),
            Map.entry("error", "ended by a system error"),
            Map.entry("clientError", "ended by an agent client error"),
            Map.entry("seatGiveUp", "not answered by the agent"),
            Map.entry("blackList", "caller on the block list"),
            Map.entry("ivrGiveUp", "caller hung up in the IVR"),
            Map.entry("waitingGiveUp", "caller hung up while queuing"),
            Map.entry("ringingGiveUp", "caller hung up while the agent's phone rang"),
            Map.entry("noSeatOnline", "no agent online"),
            Map.entry("notWorkTime", "outside working hours"),
            Map.entry("ivrEnd", "ended in the IVR"),
            Map.entry("unconnected", "not connected"),
            Map.entry("restrictedCallee", "callee restricted (high risk)"),
            Map.entry("tooManyRequest", "too many calls to this number"),
            Map.entry("restrictedArea", "callee in a restricted area"),
            Map.entry("restrictedTime", "outside the permitted calling hours"),
            Map.entry("unknown", "unknown status"),
            Map.entry("notAnswer", "not answered"),
            Map.entry("userReject", "rejected by the callee"),
            Map.entry("powerOff", "callee's phone switched off"),
            Map.entry("numberNotExist", "number does not exist"),
            Map.entry("busy", "callee busy"),
            Map.entry("outOfCredit", "callee's line out of credit"),
            Map.entry("operatorError", "carrier error"),
            Map.entry("callerCancel", "caller cancelled"),
            Map.entry("notInService", "callee not in service"),
            Map.entry("carrierBlocked", "blocked by the carrier"));

    private EndStatus() {
    }

    /** {@code numberNotExist} → {@code number does not exist}; an unknown code as it is. */
    public static String words(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        return WORDS.getOrDefault(code.strip(), code.strip());
    }

    /** {@code number does not exist (numberNotExist)}: the words and the code. */
    public static String describe(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String words = words(code);
        return words.equals(code.strip()) ? words : words + " (" + code.strip() + ")";
    }
}
