package dev.tcccbridge.reconcile;

/**
 * What one reconciliation did.
 *
 * @param outcome    done, skipped (another instance held the lock) or failed (the API or the
 *                   database failed; the next run tries again)
 * @param pages      pages asked for
 * @param seen       CDRs the API listed
 * @param fed        call sessions never pushed, now in the inbox as a cdr push
 * @param recordings recordings never pushed, now in the inbox as a record push
 * @param voicemails voicemails never pushed, now in the inbox as a voicemail push
 * @param unreadable CDRs that cannot be read as a CDR with a SessionId (logged, left out)
 * @param recent     CDRs of calls that ended within the grace time, left to their pushes
 * @param error      why the run failed, or null
 */
public record ReconcileRun(String outcome, int pages, int seen, int fed, int recordings, int voicemails,
                           int unreadable, int recent, String error) {

    public static final String DONE = "done";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    static ReconcileRun skipped() {
        return new ReconcileRun(SKIPPED, 0, 0, 0, 0, 0, 0, 0, null);
    }
}
