package dev.tcccbridge.agent;

/**
 * A request of the agent page that is answered with an error: {@code {"error": code, "message": ...}} with
 * the HTTP status, and the TCCC RequestId when TCCC answered.
 */
public class AgentRefusal extends RuntimeException {

    private final int status;
    private final String code;
    private final String requestId;

    public AgentRefusal(int status, String code, String message) {
        this(status, code, message, null);
    }

    public AgentRefusal(int status, String code, String message, String requestId) {
        super(message);
        this.status = status;
        this.code = code;
        this.requestId = requestId;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }
}
