package dev.surge.payments.gateway;

/**
 * Where a dispute (a chargeback: the payer asked their bank for the money back) stands, in provider-neutral
 * terms. Closed disputes stay closed: a provider's later event about one changes nothing.
 */
public enum DisputeStatus {
    /** Opened; the merchant must answer with evidence before the provider's deadline. */
    NEEDS_RESPONSE,
    /** Evidence given (or none asked for); the bank decides. */
    UNDER_REVIEW,
    /** Decided for the merchant: the money stays (or comes back). */
    WON,
    /** Decided for the payer: the money is gone. */
    LOST;

    public boolean isClosed() {
        return this == WON || this == LOST;
    }

    /** Whether a dispute in this state takes a report of {@code next}: any while open, none once closed. */
    public boolean canMoveTo(DisputeStatus next) {
        return !isClosed() && next != this;
    }
}
