package dev.surge.payments.domain;

import dev.surge.orders.OrderStatus;
import dev.surge.orders.OrderStatusChanged;
import dev.surge.payments.config.PaymentsProperties;
import dev.surge.payments.data.CancellationQueries;
import dev.surge.payments.data.CancellationQueries.Due;
import dev.surge.payments.gateway.PaymentGateways;
import dev.surge.payments.gateway.ProviderPayment;
import dev.surge.platform.events.BackgroundWork;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * No charge for an order we no longer sell: when an unpaid order expires or is cancelled, each of its payments
 * that can still be paid is cancelled at its provider (Stripe cancels the PaymentIntent, the sandbox its
 * payment; Paystack has no cancel, so the reference is retired here). Expiry never waits for a provider: the
 * order's move only schedules the cancellation ({@code payment_cancellations}), and this job, on every
 * instance, claims due rows one instance at a time and tries them, again after a backoff when the provider
 * cannot answer, until {@code surge.payments.cancellations.max-attempts}. A payment that succeeded first is
 * not undone here: applied as a late payment, it is refunded by {@link AutoRefunds}.
 * <p>
 * Counted as {@code surge.payments.cancellations{provider, outcome}}; the end of each is audited
 * ({@code payment.cancelled}, {@code payment.cancel_not_needed}, {@code payment.cancel_gave_up}).
 */
@Component
public class PaymentCancellations extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(PaymentCancellations.class);

    private final CancellationQueries cancellations;
    private final PaymentGateways gateways;
    private final PaymentService payments;
    private final RecoveryTrail trail;
    private final TransactionalOperator tx;
    private final PaymentsProperties.Job job;

    PaymentCancellations(CancellationQueries cancellations, PaymentGateways gateways, PaymentService payments,
            RecoveryTrail trail, TransactionalOperator tx, PaymentsProperties properties) {
        this.cancellations = cancellations;
        this.gateways = gateways;
        this.payments = payments;
        this.trail = trail;
        this.tx = tx;
        this.job = properties.cancellations();
    }

    /** Schedules the cancellation of an order's open payments when it stops waiting for one. */
    Mono<Void> orderMoved(OrderStatusChanged event) {
        return closesUnpaid(event) ? cancellations.schedule(event.orderId(), event.to().name()).then() : Mono.empty();
    }

    /** An order that expired or was cancelled while it waited for payment: its open payments are cancelled. */
    static boolean closesUnpaid(OrderStatusChanged event) {
        return event.from() == OrderStatus.PENDING_PAYMENT
                && (event.to() == OrderStatus.EXPIRED || event.to() == OrderStatus.CANCELLED);
    }

    @Override
    protected Disposable begin() {
        return every(job.interval(), job.interval(), this::round, log, "Payment cancellation");
    }

    /** One round: claims the due cancellations and tries each once; answers how many were tried. */
    public Mono<Long> round() {
        return cancellations.claim(job.batch(), job.lease()).concatMap(this::cancel).count();
    }

    private Mono<String> cancel(Due due) {
        if (!gateways.isEnabled(due.provider())) {
            // Another instance may have the provider on; here it is counted as no try.
            return cancellations.release(due.paymentId(), job.interval()).thenReturn("released");
        }
        return Mono.defer(() -> gateways.named(due.provider()).cancel(due.providerReference(), "cancel-" + due.paymentId()))
                .flatMap(payment -> ended(due, payment))
                .onErrorResume(Exception.class, e -> failed(due, e))
                .doOnNext(outcome -> trail.counted("surge.payments.cancellations", due.provider(), outcome));
    }

    private Mono<String> ended(Due due, ProviderPayment payment) {
        return switch (payment.status()) {
            case CANCELED -> finish(due, "cancelled", "payment.cancelled", null,
                    cancellations.markCanceled(due.paymentId()).then());
            case FAILED -> finish(due, "already_final", "payment.cancel_not_needed", payment.status().name(), Mono.empty());
            // Paid before the cancel: made sure it is applied (as a late payment, so refunded) even if its webhook
            // never comes.
            case SUCCEEDED, REVERSED -> payments.verify(due.paymentId(), new Payer.Staff(null))
                    .onErrorResume(Exception.class, e -> {
                        log.warn("Payment {} succeeded before its cancel; verifying it failed, its webhook or "
                                + "reconciliation applies it: {}", due.paymentId(), e.toString());
                        return Mono.empty();
                    })
                    .then(finish(due, "succeeded_meanwhile", "payment.cancel_not_needed", payment.status().name(),
                            Mono.empty()));
            default -> Mono.error(new IllegalStateException("still " + payment.status() + " after the cancel"));
        };
    }

    private Mono<String> failed(Due due, Throwable error) {
        if (due.attempts() >= job.maxAttempts()) {
            log.error("Payment {} of order {} could not be cancelled at {} after {} tries; it may still be paid (then "
                    + "refunded as a late payment): {}", due.paymentId(), due.orderId(), due.provider(), due.attempts(),
                    error.toString());
            return finish(due, "gave_up", "payment.cancel_gave_up", error.toString(), Mono.empty());
        }
        log.warn("Payment {} not cancelled at {} (try {}), tried again later: {}", due.paymentId(), due.provider(),
                due.attempts(), error.toString());
        return cancellations.retryLater(due.paymentId(), error.toString(), job.backoff(due.attempts()))
                .thenReturn("retry");
    }

    /** Ends the cancellation, with {@code alsoWrite}, and audits it, in one transaction. */
    private Mono<String> finish(Due due, String outcome, String action, String detail, Mono<Void> alsoWrite) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("paymentId", due.paymentId().toString());
        details.put("provider", due.provider());
        details.put("providerReference", due.providerReference());
        details.put("orderStatus", due.reason());
        details.put("outcome", outcome);
        details.put("attempts", due.attempts());
        if (detail != null) {
            details.put("detail", detail);
        }
        return alsoWrite
                .then(cancellations.finished(due.paymentId(), outcome))
                .then(trail.audited(action, due.orderId(), details))
                .as(tx::transactional)
                .thenReturn(outcome);
    }
}
