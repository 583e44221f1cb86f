package dev.tcccbridge.tccc;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The {@code action} query parameter of a data push, and the payload type it carries. */
public enum PushAction {
    CDR("cdr", Cdr.class),
    RECORD("record", Recording.class),
    VOICEMAIL("voicemail", Voicemail.class);

    private final String value;
    private final Class<? extends TcccPush> payloadType;

    PushAction(String value, Class<? extends TcccPush> payloadType) {
        this.value = value;
        this.payloadType = payloadType;
    }

    /** The action as TCCC writes it in the URL and as it is stored in the inbox. */
    public String value() {
        return value;
    }

    public Class<? extends TcccPush> payloadType() {
        return payloadType;
    }

    public static Optional<PushAction> of(String action) {
        if (action == null) {
            return Optional.empty();
        }
        // strip(), not trim(): trim() would also take off control characters (an encoded NUL)
        String wanted = action.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.value.equals(wanted)).findFirst();
    }
}
