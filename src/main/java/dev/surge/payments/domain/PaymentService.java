package dev.surge.payments.domain;

import dev.surge.orders.OrderStatus;
import dev.surge.orders.OrdersApi;
import dev.surge.orders.OrdersApi.OrderSummary;
import dev.surge.payments.PaymentProviderRejected;
import dev.surge.payments.data.PaymentQueries;
import dev.surge.payments.data.PaymentRow;
import dev.surge.payments.data.RefundRow;
import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.payments.gateway.PaymentGateway;
import dev.surge.payments.gateway.PaymentGateways;
import dev.surge.payments.gateway.PaymentRequest;
import dev.surge.payments.gateway.ProviderPayment;
import dev.surge.payments.gateway.ProviderRefund;
import dev.surge.payments.gateway.RefundRequest;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Payments of orders: starting one at a gateway, reading it, asking the provider where it stands, and
 * refunds. Value is granted only by {@link PaymentEventProcessor}, whatever told us (a webhook or verify).
 */
@Service
public class PaymentService {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final PaymentQueries payments;
    private final PaymentGateways gateways;
    private final OrdersApi orders;
    private final PaymentEventProcessor events;
    private final TransactionalOperator tx;
    private final AuditTrail audit;

    PaymentService(PaymentQueries payments, PaymentGateways gateways, OrdersApi orders, PaymentEventProcessor events,
            TransactionalOperator tx, AuditTrail audit) {
        this.payments = payments;
        this.gateways = gateways;
        this.orders = orders;
        this.events = events;
        this.tx = tx;
        this.audit = audit;
    }

    /** A payment with its refunds. */
    public record PaymentView(Payment payment, List<Refund> refunds) {
    }

    /**
     * Starts paying an order pending payment, for its total, at the provider asked for or the one its
     * currency routes to. An open payment of the order at that provider is answered again instead of a
     * second one (so a double click or a retry under another key never starts two).
     */
    public Mono<Payment> initialize(UUID orderId, String provider, Payer payer) {
        return order(orderId, payer).flatMap(order -> {
            if (order.status() != OrderStatus.PENDING_PAYMENT) {
                return Mono.error(new PaymentErrors.OrderNotPayable(order.status().name()));
            }
            PaymentGateway gateway = provider == null ? gateways.forCurrency(order.total().currency())
                    : gateways.named(provider);
            return payments.open(orderId, gateway.provider())
                    .switchIfEmpty(Mono.defer(() -> start(order, gateway)));
        }).map(Payment::of);
    }

    private Mono<PaymentRow> start(OrderSummary order, PaymentGateway gateway) {
        UUID id = Ids.newId();
        PaymentRequest request = new PaymentRequest(id.toString(), order.total(), order.email(), null,
                Map.of("order_id", order.id().toString(), "order_number", order.number()), "payment-" + id);
        // The provider first: if it cannot answer (503) nothing is stored and the order stays pending. A webhook
        // that arrives before the row below is stored waits in payment_events for the retry job.
        return gateway.initialize(request)
                .flatMap(started -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    PaymentRow row = new PaymentRow(id, order.id(), gateway.provider(), started.providerReference(),
                            "INITIALIZED", order.total(), null, Money.of(0, order.total().currency()), started.clientSecret(),
                            started.authorizationUrl() == null ? null : started.authorizationUrl().toString(), null, null,
                            now, now);
                    return payments.insert(row)
                            // Another request opened one meanwhile: answer that one.
                            .switchIfEmpty(Mono.defer(() -> payments.open(order.id(), gateway.provider())));
                });
    }

    /** The payment and its refunds, for its payer or staff. */
    public Mono<PaymentView> view(UUID paymentId, Payer payer) {
        return payment(paymentId, payer)
                .flatMap(payment -> payments.refunds(paymentId).map(Refund::of).collectList()
                        .map(refunds -> new PaymentView(Payment.of(payment), refunds)));
    }

    /**
     * Asks the provider where the payment stands and applies a final answer through the same path as a
     * webhook (a synthetic event, one per payment and outcome, so asking again changes nothing more).
     */
    public Mono<PaymentView> verify(UUID paymentId, Payer payer) {
        return payment(paymentId, payer)
                .flatMap(payment -> gateways.named(payment.provider()).verify(payment.providerReference())
                        .flatMap(status -> applyVerified(payment, status)))
                .then(Mono.defer(() -> view(paymentId, payer)));
    }

    private Mono<Void> applyVerified(PaymentRow payment, ProviderPayment status) {
        PaymentEvent.Type type = switch (status.status()) {
            case SUCCEEDED -> PaymentEvent.Type.PAYMENT_SUCCEEDED;
            // Reversed: the money was taken and given back, so the payment did not stand. A payment we had not
            // seen succeed fails (its order stays to be paid, never goes to fulfilment); one we had recorded as
            // paid keeps that (a failure after success is ignored) and learns of the return from the
            // provider's refund event.
            case FAILED, CANCELED, REVERSED -> PaymentEvent.Type.PAYMENT_FAILED;
            default -> null;
        };
        if (type == null) {
            return Mono.empty();
        }
        PaymentEvent event = new PaymentEvent(payment.provider(),
                "verify:" + payment.providerReference() + ":" + type.name().toLowerCase(java.util.Locale.ROOT), type,
                "verify." + status.status().name().toLowerCase(java.util.Locale.ROOT), payment.providerReference(),
                payment.id().toString(), null, status.amount(), Instant.now());
        return events.accept(event).then();
    }

    /**
     * Gives back {@code amount} of a succeeded payment, or all that is left ({@code amount} null). Refused
     * before the provider is called if it would exceed what was paid, counting refunds still pending. The
     * same {@code idempotencyKey} again answers the same refund, or tries a failed one again (a new attempt,
     * sent to the provider under a new key). The order learns of it once the provider confirms it (at once, or
     * by a webhook), and takes it back if the provider fails it afterwards.
     */
    public Mono<Refund> refund(UUID paymentId, Long amountMinor, String idempotencyKey, UUID staff) {
        return reserveRefund(paymentId, amountMinor, idempotencyKey, staff).flatMap(this::send)
                .flatMap(refund -> audited(refund, staff)).map(Refund::of);
    }

    /**
     * A refund a person asked for is in the audit log ({@code payment.refund_requested}, the payment as subject,
     * with the provider's answer). The money has moved by then: a failed audit write is logged, not answered.
     */
    private Mono<RefundRow> audited(RefundRow refund, UUID staff) {
        if (staff == null) {
            return Mono.just(refund);
        }
        return audit.record("payment.refund_requested", staff, refund.paymentId(), AuditTrail.Origin.of(null, null),
                        Map.of("refund", refund.id().toString(), "amountMinor", refund.amount().amountMinor(),
                                "currency", refund.amount().currency(), "status", refund.status(),
                                "attempt", refund.attempt()))
                .onErrorResume(e -> Mono.fromRunnable(() -> log.error("Refund {} was not written to the audit log",
                        refund.id(), e)))
                .thenReturn(refund);
    }

    /**
     * Tries a FAILED refund of the payment again (one the provider refused, or failed after it succeeded): a
     * new attempt, sent to the provider under a new key, within what is left to refund.
     */
    public Mono<Refund> retryRefund(UUID paymentId, UUID refundId) {
        return payments.lock(paymentId).switchIfEmpty(Mono.error(PaymentErrors.PaymentNotFound::new))
                .flatMap(payment -> payments.refundById(refundId)
                        .filter(refund -> refund.paymentId().equals(paymentId))
                        .switchIfEmpty(Mono.error(PaymentErrors.RefundNotFound::new))
                        .flatMap(refund -> !"FAILED".equals(refund.status())
                                ? Mono.<Reserved>error(new PaymentErrors.RefundNotRetryable(refund.status()))
                                : check(payment, refund.amount().amountMinor())
                                        .then(payments.retryRefund(refund.id()))
                                        .map(retried -> new Reserved(payment, retried, true))))
                .as(tx::transactional)
                .flatMap(this::send)
                .map(Refund::of);
    }

    /** Sends a reserved refund's current attempt to its provider (unless it must not be) and records the answer. */
    private Mono<RefundRow> send(Reserved reserved) {
        if (!reserved.callProvider()) {
            return Mono.just(reserved.refund());
        }
        PaymentRow payment = reserved.payment();
        RefundRow refund = reserved.refund();
        // Each attempt under its own key: a provider that keeps answers by key (Stripe, 24 h) would answer a
        // retry of a failed refund with the old failure.
        RefundRequest request = new RefundRequest(payment.providerReference(), refund.amount(), refund.providerKey());
        return gateways.named(payment.provider()).refund(request)
                .onErrorResume(PaymentProviderRejected.class, e -> payments.refundUpdate(refund.id(), null,
                        "FAILED", false).then(Mono.error(e)))
                .flatMap(done -> settle(refund.id(), done))
                .then(Mono.defer(() -> payments.refunds(payment.id())
                        .filter(r -> r.id().equals(refund.id())).next()));
    }

    private record Reserved(PaymentRow payment, RefundRow refund, boolean callProvider) {
    }

    /** Under the payment's lock: checks what is left and stores the refund as pending (or finds it by key). */
    private Mono<Reserved> reserveRefund(UUID paymentId, Long amountMinor, String key, UUID staff) {
        return payments.lock(paymentId).switchIfEmpty(Mono.error(PaymentErrors.PaymentNotFound::new))
                .flatMap(payment -> payments.refundByKey(paymentId, key)
                        .flatMap(existing -> "FAILED".equals(existing.status())
                                // Tried again: a new attempt, under a new provider key.
                                ? check(payment, existing.amount().amountMinor())
                                        .then(payments.retryRefund(existing.id()))
                                        .map(retried -> new Reserved(payment, retried, true))
                                // A pending refund whose answer was lost is sent again only where the provider
                                // recognises the key; elsewhere its webhook or reconciliation settles it.
                                : Mono.just(new Reserved(payment, existing, existing.refundReference() == null
                                        && "PENDING".equals(existing.status())
                                        && gateways.named(payment.provider()).idempotentRefunds())))
                        .switchIfEmpty(Mono.defer(() -> {
                            // Money taken, whether the order was paid by it or it is owed back (flagged).
                            boolean taken = "SUCCEEDED".equals(payment.status()) || "PARTIALLY_REFUNDED".equals(payment.status())
                                    || ("FLAGGED".equals(payment.status()) && payment.received() != null);
                            if (!taken) {
                                return Mono.error(new PaymentErrors.NotRefundable(payment.status()));
                            }
                            Money base = payment.refundable();
                            return payments.committedRefunds(paymentId).flatMap(committed -> {
                                long left = base.amountMinor() - committed;
                                long amount = amountMinor == null ? left : amountMinor;
                                if (amount <= 0 || amount > left) {
                                    return Mono.error(new PaymentErrors.OverRefund(Math.max(0, left), base.currency()));
                                }
                                UUID id = Ids.newId();
                                RefundRow refund = new RefundRow(id, paymentId, payment.provider(), null, "PENDING",
                                        Money.of(amount, base.currency()), key, staff, 1, RefundRow.providerKey(id, 1),
                                        null, null, null);
                                return payments.insertRefund(refund).map(stored -> new Reserved(payment, stored, true));
                            });
                        })))
                .as(tx::transactional);
    }

    private Mono<Void> check(PaymentRow payment, long amount) {
        Money base = payment.refundable();
        return payments.committedRefunds(payment.id()).flatMap(committed -> amount > base.amountMinor() - committed
                ? Mono.error(new PaymentErrors.OverRefund(Math.max(0, base.amountMinor() - committed), base.currency()))
                : Mono.empty());
    }

    /** Records what the provider said of our refund; a success is told to the order once. */
    private Mono<Void> settle(UUID refundId, ProviderRefund done) {
        // Payment first, then refund: the order every other path takes these locks in.
        return payments.refundPaymentId(refundId).flatMap(paymentId -> payments.lock(paymentId)
                // The provider's own API answered: applied by the same state machine as its events.
                .flatMap(payment -> payments.refundById(refundId)
                        .flatMap(refund -> events.refunds().apply(payment, refund, done.status(), done.refundReference()))))
                .then()
                .as(tx::transactional);
    }

    // ---- who may see what

    private Mono<OrderSummary> order(UUID orderId, Payer payer) {
        return orders.find(orderId)
                .onErrorMap(NotFoundException.class, e -> new PaymentErrors.OrderNotFound())
                .flatMap(order -> owns(order, payer)
                        .flatMap(owns -> owns ? Mono.just(order) : Mono.error(new PaymentErrors.OrderNotFound())));
    }

    private Mono<PaymentRow> payment(UUID paymentId, Payer payer) {
        return payments.find(paymentId)
                .switchIfEmpty(Mono.error(PaymentErrors.PaymentNotFound::new))
                .flatMap(payment -> payer instanceof Payer.Staff ? Mono.just(payment)
                        : orders.find(payment.orderId())
                                .flatMap(order -> owns(order, payer))
                                .onErrorResume(NotFoundException.class, e -> Mono.just(false))
                                .flatMap(owns -> owns ? Mono.just(payment)
                                        : Mono.error(new PaymentErrors.PaymentNotFound())));
    }

    private Mono<Boolean> owns(OrderSummary order, Payer payer) {
        if (payer instanceof Payer.Customer customer) {
            return Mono.just(customer.userId().equals(order.customerId()));
        }
        if (payer instanceof Payer.Guest guest) {
            return order.customerId() != null ? Mono.just(false)
                    : orders.guestOwns(order.id(), guest.email(), guest.token());
        }
        return Mono.just(payer instanceof Payer.Staff);
    }
}
