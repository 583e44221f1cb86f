package dev.tcccbridge.desk;

/** What the CRM says about the Desk user of a callback. */
public sealed interface DeskLookup {

    DeskLookup NOT_FOUND = new NotFound();
    DeskLookup UNAVAILABLE = new Unavailable();

    /**
     * The user's record.
     *
     * @param byMatch found just now by a bot variable (phone, e-mail), not by the user id
     */
    record Found(DeskCustomer customer, boolean byMatch) implements DeskLookup {

        public Found(DeskCustomer customer) {
            this(customer, false);
        }
    }

    /** No record, no usable user id, or CRM lookups are off (dry-run). */
    record NotFound() implements DeskLookup {
    }

    /** The CRM failed, was too slow, or is not being called for a while (circuit open). */
    record Unavailable() implements DeskLookup {
    }
}
