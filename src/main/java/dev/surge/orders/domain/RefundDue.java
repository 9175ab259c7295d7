package dev.surge.orders.domain;

import dev.surge.platform.persistence.Money;
import java.time.Instant;

/**
 * Money an order owes back: {@code reason} is {@code late_payment}, {@code second_payment},
 * {@code amount_mismatch} or {@code cancelled_after_payment}; settled once the refund is recorded.
 */
public record RefundDue(String reason, String paymentReference, Money amount, Instant createdAt, Instant settledAt) {
}
