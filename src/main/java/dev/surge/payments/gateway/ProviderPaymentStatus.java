package dev.surge.payments.gateway;

/** Where a payment stands at its provider, in provider-neutral terms. */
public enum ProviderPaymentStatus {
    /** Waiting for the shopper to pay (or to try again after a declined attempt). */
    PENDING,
    /** The shopper must do something more (3-D Secure, an OTP). */
    REQUIRES_ACTION,
    /** The provider is settling it; it will end as succeeded or failed. */
    PROCESSING,
    /** Paid: the money is taken. The only status that grants value. */
    SUCCEEDED,
    /** The attempt failed for good. */
    FAILED,
    /** Cancelled before any money moved. */
    CANCELED,
    /** Paid, then fully reversed or refunded at the provider. */
    REVERSED
}
