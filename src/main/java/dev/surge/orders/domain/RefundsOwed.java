package dev.surge.orders.domain;

import dev.surge.orders.OrdersApi.RefundAttempt;
import dev.surge.orders.OrdersApi.RefundOwed;
import dev.surge.orders.data.RefundQueries;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The amounts orders owe back for payments that did not pay them, as the payments' refund job works through
 * them: claimed one instance at a time, and marked with what each attempt came to. Money owed after a paid
 * order was cancelled ({@code cancelled_after_payment}) is not among them: staff decide that refund.
 */
@Service
class RefundsOwed {

    /** The reasons refunded without a person: the money never paid for anything we sold. */
    static final List<String> AUTOMATIC = List.of("late_payment", "second_payment", "amount_mismatch");

    private final RefundQueries refunds;

    RefundsOwed(RefundQueries refunds) {
        this.refunds = refunds;
    }

    Flux<RefundOwed> claim(int limit, Duration lease) {
        return refunds.claimDue(AUTOMATIC, limit, lease)
                .map(due -> new RefundOwed(due.id(), due.orderId(), due.reason(), due.paymentReference(), due.amount(),
                        due.attempts()));
    }

    Mono<Void> attempted(UUID id, RefundAttempt attempt) {
        return switch (attempt.result()) {
            case REQUESTED -> refunds.dueRequested(id, attempt.note());
            case RETRY -> refunds.dueRetry(id, attempt.note(), attempt.retryIn());
            case RELEASED -> refunds.dueReleased(id, attempt.retryIn());
            case GAVE_UP -> refunds.dueGaveUp(id, attempt.note());
        };
    }
}
