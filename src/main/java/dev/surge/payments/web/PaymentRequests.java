package dev.surge.payments.web;

/** Request bodies of the payment endpoints. */
final class PaymentRequests {

    private PaymentRequests() {
    }

    /**
     * Pay an order. A signed-in customer names their order; a guest also gives the order's email and the
     * access token its confirmation carried ({@code orderNumber} is accepted for convenience and not needed).
     *
     * @param provider a gateway name ({@code stripe}, {@code paystack}, {@code sandbox}); default: by currency
     */
    record CreatePaymentRequest(String orderId, String provider, String orderNumber, String email, String token) {
    }

    /** @param amountMinor how much to give back in the payment's minor unit; absent: all that is left */
    record RefundPaymentRequest(Long amountMinor) {
    }

    /** @param outcome {@code SUCCEED} or {@code FAIL} */
    record CompleteSandboxPaymentRequest(String outcome) {
    }
}
