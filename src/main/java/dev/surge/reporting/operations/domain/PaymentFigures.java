package dev.surge.reporting.operations.domain;

import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The payments report's rows. Amounts are per currency, never summed across currencies. */
public final class PaymentFigures {

    private PaymentFigures() {
    }

    /** Payments created in an interval, by provider, status and currency; {@code refundedMinor}: refunded of them. */
    public record PaymentsRow(Instant interval, String provider, String status, String currency, long count,
            long amountMinor, long refundedMinor) {
    }

    /** Refunds asked for in an interval, by provider, status and currency; {@code reversed}: successes later failed. */
    public record RefundsRow(Instant interval, String provider, String status, String currency, long count,
            long amountMinor, long reversed) {
    }

    /** Money owed back and not settled now, per currency: {@code gaveUp} rows the automatic refund gave up on. */
    public record OwedRow(String currency, long count, long owedMinor, long gaveUp) {
    }

    /** Disputes opened in the period, by status and currency. */
    public record DisputesRow(String status, String currency, long count, long amountMinor) {
    }

    /**
     * Webhook events received in the period, per provider: {@code received} distinct events, {@code redeliveries}
     * repeats of events already stored, {@code noChange} applied events that changed nothing (outcome
     * {@code duplicate}), {@code failing} not applied yet after an error, {@code deadLettered} set aside.
     */
    public record WebhooksRow(String provider, long received, long redeliveries, long noChange, long failing,
            long deadLettered) {
    }

    /** Reconciliation mismatches detected in the period, by provider and kind. */
    public record MismatchesRow(String provider, String kind, long count) {
    }

    /** The whole report of a period. */
    public record Report(Instant from, Instant to, String interval, List<PaymentsRow> payments, List<RefundsRow> refunds,
            List<OwedRow> refundsOwed, List<DisputesRow> disputes, List<WebhooksRow> webhooks,
            List<MismatchesRow> mismatches) {
    }

    /** What the report covers: [from, to) in buckets of {@code interval} (day, week, month; UTC). */
    public record Period(Instant from, Instant to, String interval) {
    }

    /**
     * A payment that needs a person: {@code kind} refund_failed, refund_due, payment_flagged or dispute_open, since
     * when, the ids involved, and the existing endpoints that act on it.
     */
    public record AttentionItem(String kind, Instant since, UUID itemId, UUID paymentId, UUID orderId, String provider,
            Money amount, String detail, List<Action> actions) {
    }

    /** An endpoint that acts on an item (the payments module's own: refunds, refund retry, the disputes queue). */
    public record Action(String name, String method, String href) {
    }
}
