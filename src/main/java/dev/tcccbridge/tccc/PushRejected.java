package dev.tcccbridge.tccc;

/** A push refused for what it is, not for a fault of ours; the message names the problem. */
public class PushRejected extends RuntimeException {

    private final PushError error;

    public PushRejected(PushError error, String message) {
        super(message);
        this.error = error;
    }

    public PushError error() {
        return error;
    }
}
