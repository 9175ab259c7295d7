package dev.surge.payments;

/** Where payments publish their events. */
public final class PaymentEvents {

    public static final String TOPIC = "surge.payments";

    private PaymentEvents() {
    }
}
