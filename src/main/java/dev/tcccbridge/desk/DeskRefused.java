package dev.tcccbridge.desk;

/** A Desk callback that is not answered from the CRM: not verified, or not understood. */
public class DeskRefused extends RuntimeException {

    private final DeskError error;

    public DeskRefused(DeskError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public DeskError error() {
        return error;
    }
}
