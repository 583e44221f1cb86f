package dev.tcccbridge.tccc;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer TCCC expects to every push: {@code ErrCode} 0 means "stored, don't retry". */
public record PushAnswer(@JsonProperty("ErrCode") int errCode, @JsonProperty("ErrMsg") String errMsg) {

    public static PushAnswer accepted() {
        return new PushAnswer(0, "ok");
    }

    public static PushAnswer duplicate() {
        return new PushAnswer(0, "duplicate push, already stored");
    }

    public static PushAnswer refused(PushError error, String message) {
        return new PushAnswer(error.errCode(), message);
    }
}
