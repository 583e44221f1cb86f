package dev.tcccbridge.tcccapi;

/**
 * The TCCC API failed or answered an {@code Error}; {@link #code()} is the API's error code
 * (e.g. {@code RequestLimitExceeded}) and {@link #requestId()} identifies the request to Tencent.
 */
public class TcccApiException extends Exception {

    private final String code;
    private final String requestId;

    public TcccApiException(String message, String code, String requestId, Throwable cause) {
        super(message, cause);
        this.code = code == null || code.isEmpty() ? null : code;
        this.requestId = requestId;
    }

    /** The API's error code, or null when no answer came. */
    public String code() {
        return code;
    }

    /** The API's RequestId, or null when no answer came. */
    public String requestId() {
        return requestId;
    }
}
