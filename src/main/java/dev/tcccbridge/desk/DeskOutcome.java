package dev.tcccbridge.desk;

/** How a callback was answered: the {@code outcome} tag of the callback metrics. */
public enum DeskOutcome {
    /** From the user's CRM record. */
    MATCHED("matched"),
    /** The user has no CRM record (or lookups are off): no assignment, no variables. */
    NO_MATCH("no_match"),
    /** The CRM failed, was too slow or is not called for a while: the no-match answer, in time. */
    FALLBACK("fallback"),
    /** Not verified or not understood (403, 400, 405). */
    REFUSED("refused"),
    /** A fault of the bridge (500). */
    ERROR("error");

    private final String tag;

    DeskOutcome(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    static DeskOutcome of(DeskLookup lookup) {
        if (lookup instanceof DeskLookup.Found) {
            return MATCHED;
        }
        return lookup instanceof DeskLookup.Unavailable ? FALLBACK : NO_MATCH;
    }
}
