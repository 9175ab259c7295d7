package dev.surge.payments.gateway;

import dev.surge.platform.persistence.Money;
import java.net.URI;
import java.util.Map;

/**
 * A payment to start at a provider.
 *
 * @param paymentReference our reference of the payment (its id): Stripe keeps it in
 *                         {@code metadata[payment_id]}, Paystack uses it as the transaction reference, so
 *                         every webhook and list entry leads back to it
 * @param amount           what to charge, more than zero
 * @param customerEmail    the payer's email; required by Paystack, passed on as a receipt address elsewhere
 * @param returnUrl        where a redirect-based provider sends the shopper after paying; null: the
 *                         gateway's configured default
 * @param metadata         extra key-value pairs stored with the provider's payment (order id...), small
 * @param idempotencyKey   makes a repeated create return the first one's result at providers that support
 *                         it (Stripe); only then is a failed create retried. Null: the create is tried once
 */
public record PaymentRequest(String paymentReference, Money amount, String customerEmail, URI returnUrl,
        Map<String, String> metadata, String idempotencyKey) {

    public PaymentRequest {
        if (paymentReference == null || paymentReference.isBlank()) {
            throw new IllegalArgumentException("paymentReference is required");
        }
        if (amount == null || amount.amountMinor() <= 0) {
            throw new IllegalArgumentException("amount must be more than zero");
        }
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
