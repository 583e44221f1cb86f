package dev.tcccbridge.tccc;

/**
 * Every way a push can be refused: the HTTP status, the ErrCode of the vendor-format answer,
 * and whether the raw body is kept in quarantine for an operator.
 */
public enum PushError {
    UNAUTHENTICATED(401, 40100, false),
    WRONG_SDK_APP_ID(403, 40300, true),
    SOURCE_NOT_ALLOWED(403, 40301, false),
    METHOD_NOT_ALLOWED(405, 40500, false),
    UNKNOWN_ACTION(400, 40001, true),
    MALFORMED_JSON(400, 40002, true),
    INVALID_FIELD(400, 40003, true),
    MISSING_FIELD(400, 40004, true),
    BAD_PUSH_ID(400, 40005, true),
    UNSUPPORTED_VERSION(400, 40006, true),
    BODY_TOO_LARGE(413, 41300, false),
    UNSUPPORTED_MEDIA_TYPE(415, 41500, false),
    INTERNAL_ERROR(500, 50000, false),
    STORAGE_UNAVAILABLE(503, 50300, false),
    /** starting, stopping, or too busy: nothing was read, the sender retries. */
    NOT_READY(503, 50301, false);

    private final int httpStatus;
    private final int errCode;
    private final boolean quarantined;

    PushError(int httpStatus, int errCode, boolean quarantined) {
        this.httpStatus = httpStatus;
        this.errCode = errCode;
        this.quarantined = quarantined;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errCode() {
        return errCode;
    }

    /** Whether the body of a push refused this way is kept for an operator. */
    public boolean quarantined() {
        return quarantined;
    }
}
