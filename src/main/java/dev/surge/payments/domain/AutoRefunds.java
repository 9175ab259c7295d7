package dev.surge.payments.domain;

import dev.surge.orders.OrdersApi;
import dev.surge.orders.OrdersApi.RefundAttempt;
import dev.surge.orders.OrdersApi.RefundOwed;
import dev.surge.payments.config.PaymentsProperties;
import dev.surge.payments.gateway.PaymentGateways;
import dev.surge.platform.events.BackgroundWork;
import dev.surge.platform.persistence.Ids;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Gives back, without a person, money taken for nothing we sold: a payment that succeeded after its order
 * expired or was cancelled, a second payment of a paid order, a payment of the wrong amount. Orders keep what
 * they owe back ({@code order_refunds_due}); this job, on every instance, claims due rows through
 * {@link OrdersApi#claimRefundsOwed} (one instance per row, for a lease) and asks {@link PaymentService#refund}
 * for all that is left of the payment, under a key of its own per row ({@code auto-refund-<row>}), so a
 * repeated try answers the same refund instead of making a second. A refused or unreachable refund is tried
 * again after a backoff, up to {@code surge.payments.auto-refunds.max-attempts}; then it is left to staff (the
 * order still shows the refund due).
 * <p>
 * Counted as {@code surge.payments.auto_refunds{provider, outcome}}; each end is audited
 * ({@code payment.auto_refund_requested}, {@code payment.auto_refund_not_needed}, {@code payment.auto_refund_gave_up}).
 */
@Component
public class AutoRefunds extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(AutoRefunds.class);

    private static final Payer SYSTEM = new Payer.Staff(null);

    private final OrdersApi orders;
    private final PaymentService payments;
    private final PaymentGateways gateways;
    private final RecoveryTrail trail;
    private final TransactionalOperator tx;
    private final PaymentsProperties.Job job;

    AutoRefunds(OrdersApi orders, PaymentService payments, PaymentGateways gateways, RecoveryTrail trail,
            TransactionalOperator tx, PaymentsProperties properties) {
        this.orders = orders;
        this.payments = payments;
        this.gateways = gateways;
        this.trail = trail;
        this.tx = tx;
        this.job = properties.autoRefunds();
    }

    @Override
    protected Disposable begin() {
        return every(job.interval(), job.interval(), this::round, log, "Automatic refunds");
    }

    /** One round: claims the due refunds and tries each once; answers how many were tried. */
    public Mono<Long> round() {
        return orders.claimRefundsOwed(job.batch(), job.lease()).concatMap(this::refund).count();
    }

    private Mono<String> refund(RefundOwed owed) {
        UUID paymentId = Ids.parseOrNull(owed.paymentReference());
        if (paymentId == null) {
            // Recorded by hand (a bank transfer): no provider to give it back through.
            return end(owed, new Attempted(null, null, "gave_up"), RefundAttempt.gaveUp("not a payment of a gateway"));
        }
        return payments.view(paymentId, SYSTEM).map(view -> view.payment().provider())
                .flatMap(provider -> gateways.isEnabled(provider)
                        ? payments.refund(paymentId, null, "auto-refund-" + owed.id(), null)
                                .flatMap(refund -> refunded(owed, provider, refund))
                                .onErrorResume(PaymentErrors.OverRefund.class, e -> end(owed,
                                        new Attempted(provider, null, "not_needed"),
                                        RefundAttempt.requested("nothing left to refund: " + e.getMessage())))
                                .onErrorResume(Exception.class, e -> failed(owed, provider, e))
                        // Another instance may have the provider on; here it is counted as no try.
                        : orders.refundOwedAttempted(owed.id(), RefundAttempt.released(job.interval()))
                                .thenReturn("released"))
                .onErrorResume(PaymentErrors.PaymentNotFound.class, e -> end(owed,
                        new Attempted(null, null, "gave_up"), RefundAttempt.gaveUp("no such payment")))
                .onErrorResume(Exception.class, e -> failed(owed, null, e));
    }

    /** What one try came to, for the audit and the counter. */
    private record Attempted(String provider, Refund refund, String outcome) {
    }

    private Mono<String> refunded(RefundOwed owed, String provider, Refund refund) {
        return switch (refund.status()) {
            case "SUCCEEDED" -> end(owed, new Attempted(provider, refund, "succeeded"), RefundAttempt.requested(null));
            case "PENDING" -> {
                if (refund.refundReference() != null) {
                    yield end(owed, new Attempted(provider, refund, "requested"), RefundAttempt.requested(null));
                }
                // The provider's answer was lost and it takes no idempotency key (Paystack): sending it again could
                // refund twice, so its webhook or reconciliation settles it.
                log.warn("Automatic refund {} of payment {}: the provider's answer was lost; not sent again",
                        refund.id(), refund.paymentId());
                yield end(owed, new Attempted(provider, refund, "unconfirmed"),
                        RefundAttempt.requested("the provider's answer was lost; its webhook or reconciliation settles it"));
            }
            default -> failed(owed, provider, new IllegalStateException("the provider answered the refund "
                    + refund.status()));
        };
    }

    private Mono<String> failed(RefundOwed owed, String provider, Throwable error) {
        if (owed.attempts() >= job.maxAttempts()) {
            log.error("Giving up refunding {} {} owed on order {} for payment {} ({}) after {} tries; left to staff: {}",
                    owed.amount().amountMinor(), owed.amount().currency(), owed.orderId(), owed.paymentReference(),
                    owed.reason(), owed.attempts(), error.toString());
            return end(owed, new Attempted(provider, null, "gave_up"), RefundAttempt.gaveUp(error.toString()));
        }
        log.warn("Automatic refund of payment {} (try {}) failed, tried again later: {}", owed.paymentReference(),
                owed.attempts(), error.toString());
        trail.counted("surge.payments.auto_refunds", provider, "retry");
        return orders.refundOwedAttempted(owed.id(), RefundAttempt.retry(error.toString(), job.backoff(owed.attempts())))
                .thenReturn("retry");
    }

    private Mono<String> end(RefundOwed owed, Attempted attempted, RefundAttempt attempt) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("orderId", owed.orderId().toString());
        details.put("paymentReference", owed.paymentReference());
        details.put("reason", owed.reason());
        details.put("amountMinor", owed.amount().amountMinor());
        details.put("currency", owed.amount().currency());
        details.put("provider", attempted.provider());
        details.put("outcome", attempted.outcome());
        details.put("attempts", owed.attempts());
        if (attempted.refund() != null) {
            details.put("refundId", attempted.refund().id().toString());
            details.put("refundReference", attempted.refund().refundReference());
        }
        if (attempt.note() != null) {
            details.put("note", attempt.note());
        }
        String action = switch (attempted.outcome()) {
            case "gave_up" -> "payment.auto_refund_gave_up";
            case "not_needed" -> "payment.auto_refund_not_needed";
            default -> "payment.auto_refund_requested";
        };
        return orders.refundOwedAttempted(owed.id(), attempt)
                .then(trail.audited(action, owed.orderId(), details))
                .as(tx::transactional)
                .doOnSuccess(done -> trail.counted("surge.payments.auto_refunds", attempted.provider(), attempted.outcome()))
                .thenReturn(attempted.outcome());
    }
}
