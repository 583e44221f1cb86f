package dev.tcccbridge.reconcile;

import dev.tcccbridge.tccc.PushAction;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * One run of {@code routes/reconcile.camel.yaml} as it goes: the window, which page comes next,
 * and the counts. It travels as the exchange property {@value #PROPERTY}; the route's steps run
 * one after the other, so it needs no locking.
 */
public final class ReconcileProgress {

    public static final String PROPERTY = "TcccReconcile";

    private final CdrWindow window;
    private final long settledBefore;
    private int nextPage;
    private long received;
    private boolean more;
    private String requestId;
    private Set<String> known = Set.of();
    private int seen;
    private int unreadable;
    private int recent;
    private final Map<PushAction, Integer> fed = new EnumMap<>(PushAction.class);

    /**
     * @param window        what to ask for; null when nothing is (the lookback lies before what
     *                      retention kept)
     * @param settledBefore calls that ended after this (Unix seconds) are left to their pushes
     */
    ReconcileProgress(CdrWindow window, long settledBefore) {
        this.window = window;
        this.settledBefore = settledBefore;
        this.more = window != null;
    }

    /** Whether the window has a page not asked for yet. */
    public boolean more() {
        return more;
    }

    CdrWindow window() {
        return window;
    }

    int nextPage() {
        return nextPage;
    }

    /**
     * The API answered page {@link #nextPage()} with {@code items} of a window of
     * {@code totalCount}: the window is done when a page is short or TotalCount CDRs have come.
     */
    void answered(int items, long totalCount, int pageSize, String requestId) {
        nextPage++;
        received += items;
        this.requestId = requestId;
        more = items >= pageSize && received < totalCount;
    }

    /** The API's RequestId of the last page, for the log. */
    String requestId() {
        return requestId;
    }

    long settledBefore() {
        return settledBefore;
    }

    void known(Set<String> keys) {
        known = keys;
    }

    boolean isKnown(String key) {
        return known.contains(key);
    }

    void seen() {
        seen++;
    }

    void unreadable() {
        unreadable++;
    }

    void recent() {
        recent++;
    }

    void fed(PushAction action) {
        fed.merge(action, 1, Integer::sum);
    }

    int fedOf(PushAction action) {
        return fed.getOrDefault(action, 0);
    }

    ReconcileRun run(String outcome, String error) {
        return new ReconcileRun(outcome, nextPage, seen, fedOf(PushAction.CDR), fedOf(PushAction.RECORD),
                fedOf(PushAction.VOICEMAIL), unreadable, recent, error);
    }
}
