package dev.surge.payments.stripe;

/** Answers shaped like Stripe's API reference objects (PaymentIntent, Refund, list, Event, error). */
final class StripeJson {

    private StripeJson() {
    }

    static String paymentIntent(String id, String status, long amount, long received, String currency, String paymentId) {
        return """
                {
                  "id": "%1$s",
                  "object": "payment_intent",
                  "amount": %3$d,
                  "amount_capturable": 0,
                  "amount_details": {"tip": {}},
                  "amount_received": %4$d,
                  "application": null,
                  "automatic_payment_methods": {"allow_redirects": "always", "enabled": true},
                  "canceled_at": null,
                  "capture_method": "automatic_async",
                  "client_secret": "%1$s_secret_Xx9sk2",
                  "confirmation_method": "automatic",
                  "created": 1724310864,
                  "currency": "%5$s",
                  "customer": null,
                  "description": null,
                  "last_payment_error": null,
                  "latest_charge": null,
                  "livemode": false,
                  "metadata": {"payment_id": "%6$s", "order_id": "ord_1"},
                  "next_action": null,
                  "payment_method": null,
                  "payment_method_types": ["card", "link"],
                  "receipt_email": null,
                  "status": "%2$s"
                }""".formatted(id, status, amount, received, currency, paymentId);
    }

    static String refund(String id, String paymentIntent, long amount, String currency, String status) {
        return """
                {
                  "id": "%s",
                  "object": "refund",
                  "amount": %d,
                  "balance_transaction": "txn_1Nispe2eZvKYlo2CYezqFhEx",
                  "charge": "ch_1NirD82eZvKYlo2CIvbtLWuY",
                  "created": 1692942318,
                  "currency": "%s",
                  "destination_details": {"card": {"reference_status": "pending", "type": "refund"}, "type": "card"},
                  "metadata": {},
                  "payment_intent": "%s",
                  "reason": null,
                  "receipt_number": null,
                  "source_transfer_reversal": null,
                  "status": "%s",
                  "transfer_reversal": null
                }""".formatted(id, amount, currency, paymentIntent, status);
    }

    static String list(boolean hasMore, String... objects) {
        return """
                {"object": "list", "url": "/v1/payment_intents", "has_more": %s, "data": [%s]}"""
                .formatted(hasMore, String.join(",", objects));
    }

    static String event(String id, String type, String object) {
        return """
                {
                  "id": "%s",
                  "object": "event",
                  "api_version": "2024-06-20",
                  "created": 1724310900,
                  "data": {"object": %s},
                  "livemode": false,
                  "pending_webhooks": 1,
                  "request": {"id": null, "idempotency_key": "pay-1"},
                  "type": "%s"
                }""".formatted(id, object, type);
    }

    static String error(String type, String code, String message) {
        return """
                {"error": {"type": "%s", "code": "%s", "message": "%s", "param": "amount",
                 "doc_url": "https://stripe.com/docs/error-codes/%s", "request_log_url": "https://dashboard.stripe.com/test/logs/req_x"}}"""
                .formatted(type, code, message, code);
    }
}
