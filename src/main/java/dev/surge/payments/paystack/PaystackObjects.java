package dev.surge.payments.paystack;

import static dev.surge.payments.gateway.JsonFields.instant;
import static dev.surge.payments.gateway.JsonFields.number;
import static dev.surge.payments.gateway.JsonFields.text;

import dev.surge.payments.gateway.ProviderPayment;
import dev.surge.payments.gateway.ProviderPaymentStatus;
import dev.surge.payments.gateway.ProviderRefund;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Paystack's JSON objects (transactions, refunds) as the gateway SPI's values. Amounts: Paystack counts in
 * subunits (kobo, pesewas, cents), which are the ISO minor units of the currencies it takes (NGN, GHS, ZAR,
 * KES, USD, EGP), so no conversion is made.
 */
final class PaystackObjects {

    private PaystackObjects() {
    }

    static ProviderPayment payment(JsonNode transaction) {
        Instant created = instant(transaction, "created_at");
        return new ProviderPayment(PaystackGateway.PROVIDER, text(transaction, "reference"), paymentReference(transaction),
                status(text(transaction, "status")), amount(transaction),
                created != null ? created : instant(transaction, "createdAt"));
    }

    /** Ours from the metadata; else the reference itself, which is ours for every payment Surge started. */
    static String paymentReference(JsonNode transaction) {
        String fromMetadata = text(transaction, "metadata", "payment_id");
        return fromMetadata != null ? fromMetadata : text(transaction, "reference");
    }

    static Money amount(JsonNode object) {
        Long amount = number(object, "amount");
        String currency = text(object, "currency");
        return amount == null || currency == null || !Money.isCurrencyCode(currency.toUpperCase(Locale.ROOT)) ? null
                : Money.of(amount, currency.toUpperCase(Locale.ROOT));
    }

    static ProviderPaymentStatus status(String paystackStatus) {
        if (paystackStatus == null) {
            return ProviderPaymentStatus.PENDING;
        }
        return switch (paystackStatus) {
            case "success" -> ProviderPaymentStatus.SUCCEEDED;
            case "failed" -> ProviderPaymentStatus.FAILED;
            case "reversed" -> ProviderPaymentStatus.REVERSED;
            case "ongoing" -> ProviderPaymentStatus.REQUIRES_ACTION;
            case "pending", "processing", "queued" -> ProviderPaymentStatus.PROCESSING;
            default -> ProviderPaymentStatus.PENDING; // abandoned: not paid yet, the shopper may still pay
        };
    }

    static ProviderRefund.Status refundStatus(String paystackStatus) {
        if (paystackStatus == null) {
            return ProviderRefund.Status.PENDING;
        }
        return switch (paystackStatus) {
            case "processed" -> ProviderRefund.Status.SUCCEEDED;
            case "failed" -> ProviderRefund.Status.FAILED;
            default -> ProviderRefund.Status.PENDING; // pending, processing, needs-attention
        };
    }
}
