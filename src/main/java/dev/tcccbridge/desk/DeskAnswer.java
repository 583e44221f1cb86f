package dev.tcccbridge.desk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The answer Desk expects to a callback. {@code AgentGroupId} and {@code AgentIdList} answer
 * {@code OnAssignHuman}, {@code Body} answers {@code InterfaceInvocation}; absent fields are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ActionStatus", "ErrorCode", "ErrorInfo", "AgentGroupId", "AgentIdList", "Body"})
public record DeskAnswer(
        @JsonProperty("ActionStatus") String actionStatus,
        @JsonProperty("ErrorCode") int errorCode,
        @JsonProperty("ErrorInfo") String errorInfo,
        @JsonProperty("AgentGroupId") Long agentGroupId,
        @JsonProperty("AgentIdList") List<String> agentIdList,
        @JsonProperty("Body") Map<String, String> body) {

    public static DeskAnswer assignment(Long agentGroupId, List<String> agentIdList) {
        return new DeskAnswer("OK", 0, "", agentGroupId, agentIdList == null || agentIdList.isEmpty() ? null
                : List.copyOf(agentIdList), null);
    }

    public static DeskAnswer variables(Map<String, String> body) {
        return new DeskAnswer("OK", 0, "", null, null, body);
    }

    public static DeskAnswer refused(DeskError error, String message) {
        return new DeskAnswer("FAIL", error.errorCode(), message, null, null, null);
    }
}
