package dev.tcccbridge.desk;

/** Every way a Desk callback is refused: the HTTP status and the {@code ErrorCode} of the answer. */
public enum DeskError {
    NOT_CONFIGURED(403, 40300),
    WRONG_SDK_APP_ID(403, 40301),
    BAD_SIGNATURE(403, 40302),
    STALE_REQUEST(403, 40303),
    REPLAYED(403, 40304),
    UNKNOWN_COMMAND(400, 40001),
    MALFORMED_JSON(400, 40002),
    METHOD_NOT_ALLOWED(405, 40500),
    BODY_TOO_LARGE(413, 41300),
    NOT_JSON(415, 41500),
    INTERNAL_ERROR(500, 50000),
    /** not answerable now (starting, busy, database down): Desk routes the chat its own way. */
    UNAVAILABLE(503, 50300);

    private final int httpStatus;
    private final int errorCode;

    DeskError(int httpStatus, int errorCode) {
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }
}
