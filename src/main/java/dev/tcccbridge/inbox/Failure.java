package dev.tcccbridge.inbox;

/**
 * What went wrong with a delivery attempt, as {@link FailureClassifier} sees it.
 *
 * @param retryable whether a later attempt may succeed (else the row is dead at once)
 * @param reason    a one-line reason for operators, kept in the inbox row
 */
public record Failure(boolean retryable, String reason) {

    public static Failure retryable(String reason) {
        return new Failure(true, reason);
    }

    public static Failure permanent(String reason) {
        return new Failure(false, reason);
    }
}
