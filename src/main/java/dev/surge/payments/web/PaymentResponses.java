package dev.surge.payments.web;

import dev.surge.payments.domain.Payment;
import dev.surge.payments.domain.PaymentReconciliation;
import dev.surge.payments.domain.Refund;
import dev.surge.payments.gateway.ProviderPayment;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies of the payment endpoints. */
final class PaymentResponses {

    private PaymentResponses() {
    }

    /**
     * A payment. {@code clientSecret} (Stripe's embedded form) and {@code authorizationUrl} (where to send the
     * shopper) are given only to the payer.
     */
    record PaymentResponse(UUID id, UUID orderId, String provider, String providerReference, String status, Money amount,
            Money refunded, String clientSecret, String authorizationUrl, String flag, List<RefundResponse> refunds,
            Instant createdAt, Instant updatedAt) {

        static PaymentResponse of(Payment p, List<Refund> refunds, boolean payer) {
            return new PaymentResponse(p.id(), p.orderId(), p.provider(), p.providerReference(), p.status(), p.amount(),
                    p.refunded(), payer ? p.clientSecret() : null, payer ? p.authorizationUrl() : null, p.flag(),
                    refunds.stream().map(RefundResponse::of).toList(), p.createdAt(), p.updatedAt());
        }
    }

    /**
     * A refund: PENDING until the provider confirms it, then SUCCEEDED, or FAILED; {@code reversedAt} when the
     * provider failed it after it had succeeded; {@code attempt} counts the tries at the provider.
     */
    record RefundResponse(UUID id, UUID paymentId, String status, Money amount, String refundReference, int attempt,
            Instant reversedAt, Instant createdAt) {

        static RefundResponse of(Refund r) {
            return new RefundResponse(r.id(), r.paymentId(), r.status(), r.amount(), r.refundReference(), r.attempt(),
                    r.reversedAt(), r.createdAt());
        }
    }

    /** What a webhook delivery became: stored now, or a repeat of a stored event (nothing changed). */
    record WebhookReceipt(boolean received, boolean duplicate) {
    }

    /** A sandbox payment as the simulated provider holds it. */
    record SandboxPaymentResponse(String reference, String paymentReference, String status, Money amount,
            Instant createdAt) {

        static SandboxPaymentResponse of(ProviderPayment p) {
            return new SandboxPaymentResponse(p.providerReference(), p.paymentReference(), p.status().name(), p.amount(),
                    p.createdAt());
        }
    }

    /** A reconciliation run's summary; the details are in the CSV report. */
    record ReconciliationRunResponse(UUID runId, Instant from, Instant to, int compared, int mismatches,
            List<String> unreachableProviders) {

        static ReconciliationRunResponse of(PaymentReconciliation.Result r) {
            return new ReconciliationRunResponse(r.runId(), r.from(), r.to(), r.compared(), r.mismatches().size(),
                    r.unreachableProviders());
        }
    }
}
