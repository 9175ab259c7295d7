package dev.surge.payments.stripe;

import dev.surge.payments.gateway.DisputeStatus;

/** Stripe's disputes (chargebacks and inquiries) in provider-neutral terms. */
final class StripeDisputes {

    private StripeDisputes() {
    }

    /**
     * Stripe's dispute statuses: {@code warning_*} are inquiries (no money withdrawn yet); {@code warning_closed}
     * is an inquiry that ended without a chargeback, so the merchant keeps the money.
     */
    static DisputeStatus status(String stripeStatus) {
        if (stripeStatus == null) {
            return DisputeStatus.NEEDS_RESPONSE;
        }
        return switch (stripeStatus) {
            case "won", "warning_closed" -> DisputeStatus.WON;
            case "lost" -> DisputeStatus.LOST;
            case "under_review", "warning_under_review" -> DisputeStatus.UNDER_REVIEW;
            default -> DisputeStatus.NEEDS_RESPONSE; // needs_response, warning_needs_response
        };
    }
}
