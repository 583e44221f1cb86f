package dev.tcccbridge.reconcile;

/** The TCCC API failed or answered an {@code Error}; {@link #requestId()} identifies the request to Tencent. */
public class TcccApiException extends Exception {

    private final String requestId;

    public TcccApiException(String message, String requestId, Throwable cause) {
        super(message, cause);
        this.requestId = requestId;
    }

    /** The API's RequestId, or null when no answer came. */
    public String requestId() {
        return requestId;
    }
}
