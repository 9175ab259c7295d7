package dev.surge.payments.domain;

import dev.surge.payments.gateway.ProviderRefund;

/**
 * Where one of our refunds stands, and what a report of its provider does to it: the refund's state machine.
 * <p>
 * Providers report a refund's state, not a change, and their events arrive in any order, repeated; so a
 * report is taken as "the provider says it is now X", confirmed with the provider's API before it is applied
 * (see {@code PaymentGateway#confirm}). From that:
 * <ul>
 *   <li>PENDING → SUCCEEDED: the order learns of it ({@link Step#RECORD}); PENDING → FAILED.</li>
 *   <li>SUCCEEDED → FAILED: a refund can fail after it succeeded (Stripe: the card's bank sends it back);
 *       its effect is undone and the money is owed again ({@link Step#REVERSE}).</li>
 *   <li>FAILED → SUCCEEDED only because the provider's API says so now (a late success event that the
 *       provider does not confirm is turned into a failure by the confirmation and changes nothing).</li>
 *   <li>FAILED → PENDING only when staff try it again (a new attempt under a new provider key), never by an
 *       event.</li>
 * </ul>
 * A report of the state the refund is already in, or of PENDING, changes nothing.
 */
public enum RefundState {
    PENDING, SUCCEEDED, FAILED;

    /** What applying a confirmed report of the provider does. */
    public enum Step {
        /** Nothing: the refund is already so, or the provider has not decided yet. */
        NONE,
        /** The refund went through: record it (tell the order, count it on the payment). */
        RECORD,
        /** It did not go through and was never counted: mark it failed. */
        FAIL,
        /** It was counted as given back but failed: undo that, the money is owed again. */
        REVERSE
    }

    /** The state of a stored refund row's status. */
    public static RefundState of(String status) {
        return valueOf(status);
    }

    /** The step that takes this refund to what the provider reports. */
    public Step on(ProviderRefund.Status reported) {
        RefundState target = switch (reported) {
            case SUCCEEDED -> SUCCEEDED;
            case FAILED, CANCELED -> FAILED;
            case PENDING -> this;
        };
        if (target == this) {
            return Step.NONE;
        }
        return switch (this) {
            case PENDING -> target == SUCCEEDED ? Step.RECORD : Step.FAIL;
            case SUCCEEDED -> Step.REVERSE;
            case FAILED -> Step.RECORD;
        };
    }
}
