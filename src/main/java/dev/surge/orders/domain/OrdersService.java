package dev.surge.orders.domain;

import dev.surge.orders.OrderDetails;
import dev.surge.orders.OrdersApi;
import dev.surge.orders.data.OrderPrivacyQueries;
import dev.surge.platform.persistence.Money;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The door other modules (payments) use: each question goes to the use case that answers it. */
@Service
class OrdersService implements OrdersApi {

    private final OrderReads reads;
    private final OrderPayments payments;
    private final OrderRefunds refunds;
    private final RefundsOwed owed;
    private final OrderPrivacyQueries privacy;

    OrdersService(OrderReads reads, OrderPayments payments, OrderRefunds refunds, RefundsOwed owed,
            OrderPrivacyQueries privacy) {
        this.privacy = privacy;
        this.reads = reads;
        this.payments = payments;
        this.refunds = refunds;
        this.owed = owed;
    }

    @Override
    public Flux<UUID> orderIdsOf(UUID customerId) {
        return privacy.orderIdsOf(customerId);
    }

    @Override
    public Mono<OrderSummary> find(UUID orderId) {
        return reads.summary(orderId);
    }

    @Override
    public Mono<OrderDetails> details(UUID orderId) {
        return reads.detailed(orderId).map(detailed -> OrderDetailsView.of(detailed.order(), detailed.merchantNames()));
    }

    @Override
    public Flux<OrderDetails> details(Collection<UUID> orderIds) {
        return reads.detailed(orderIds).map(detailed -> OrderDetailsView.of(detailed.order(), detailed.merchantNames()));
    }

    @Override
    public Mono<Boolean> guestOwns(UUID orderId, String email, String token) {
        return reads.guestOwns(orderId, email, token);
    }

    @Override
    public Mono<Boolean> deliveredTo(UUID customerId, UUID productId) {
        return reads.deliveredTo(customerId, productId);
    }

    @Override
    public Mono<PaymentOutcome> markPaid(UUID orderId, Money amount, String paymentReference) {
        return payments.markPaid(orderId, amount, paymentReference);
    }

    @Override
    public Mono<OrderSummary> recordRefund(UUID orderId, Money amount, String refundReference) {
        return refunds.recordRefund(orderId, null, amount, refundReference);
    }

    @Override
    public Mono<OrderSummary> recordRefund(UUID orderId, String paymentReference, Money amount, String refundReference) {
        return refunds.recordRefund(orderId, paymentReference, amount, refundReference);
    }

    @Override
    public Mono<OrderSummary> reverseRefund(UUID orderId, String paymentReference, Money amount, String refundReference) {
        return refunds.reverseRefund(orderId, paymentReference, amount, refundReference);
    }

    @Override
    public Mono<Void> recordDispute(UUID orderId, DisputeState state) {
        return payments.recordDispute(orderId, state);
    }

    @Override
    public Flux<RefundOwed> claimRefundsOwed(int limit, Duration lease) {
        return owed.claim(limit, lease);
    }

    @Override
    public Mono<Void> refundOwedAttempted(UUID refundOwedId, RefundAttempt attempt) {
        return owed.attempted(refundOwedId, attempt);
    }
}
