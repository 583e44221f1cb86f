package dev.tcccbridge.reconcile;

import dev.tcccbridge.tccc.PushEnvelope;

/** Where recovered CDRs go: {@code direct:store-push}, the push ingress's own transaction. */
@FunctionalInterface
public interface PushFeed {

    /** Stores the push in the inbox unless its push id was stored before. */
    void store(PushEnvelope push);
}
