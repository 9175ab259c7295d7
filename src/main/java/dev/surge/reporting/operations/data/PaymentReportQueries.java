package dev.surge.reporting.operations.data;

import dev.surge.platform.persistence.Money;
import dev.surge.reporting.operations.domain.PaymentFigures.AttentionItem;
import dev.surge.reporting.operations.domain.PaymentFigures.DisputesRow;
import dev.surge.reporting.operations.domain.PaymentFigures.MismatchesRow;
import dev.surge.reporting.operations.domain.PaymentFigures.OwedRow;
import dev.surge.reporting.operations.domain.PaymentFigures.PaymentsRow;
import dev.surge.reporting.operations.domain.PaymentFigures.Period;
import dev.surge.reporting.operations.domain.PaymentFigures.RefundsRow;
import dev.surge.reporting.operations.domain.PaymentFigures.WebhooksRow;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/**
 * Payment figures from the payments module's tables ({@code payments}, {@code refunds}, {@code payment_events},
 * {@code payment_disputes}, {@code payment_mismatches}) and the orders module's {@code order_refunds_due}. Read only.
 */
@Repository
public class PaymentReportQueries {

    private static final String BUCKET = "date_trunc(:interval, %s AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'";

    private final DatabaseClient db;

    PaymentReportQueries(DatabaseClient db) {
        this.db = db;
    }

    public Flux<PaymentsRow> payments(Period period) {
        return inPeriod("SELECT " + BUCKET.formatted("created_at") + """
                 AS bucket, provider, status, currency, count(*) AS n, sum(amount_minor) AS amount,
                       sum(refunded_minor) AS refunded
                FROM payments WHERE created_at >= :from AND created_at < :to
                GROUP BY 1, provider, status, currency ORDER BY 1, provider, status, currency""", period)
                .map(row -> new PaymentsRow(at(row), row.get("provider", String.class), row.get("status", String.class),
                        currency(row), number(row, "n"), number(row, "amount"), number(row, "refunded"))).all();
    }

    public Flux<RefundsRow> refunds(Period period) {
        return inPeriod("SELECT " + BUCKET.formatted("created_at") + """
                 AS bucket, provider, status, currency, count(*) AS n, sum(amount_minor) AS amount,
                       count(reversed_at) AS reversed
                FROM refunds WHERE created_at >= :from AND created_at < :to
                GROUP BY 1, provider, status, currency ORDER BY 1, provider, status, currency""", period)
                .map(row -> new RefundsRow(at(row), row.get("provider", String.class), row.get("status", String.class),
                        currency(row), number(row, "n"), number(row, "amount"), number(row, "reversed"))).all();
    }

    /** Money owed back now (whatever the period): unsettled rows of {@code order_refunds_due}. */
    public Flux<OwedRow> owed() {
        return db.sql("""
                SELECT currency, count(*) AS n, sum(amount_minor - refunded_minor) AS owed, count(gave_up_at) AS gave_up
                FROM order_refunds_due WHERE settled_at IS NULL GROUP BY currency ORDER BY currency""")
                .map(row -> new OwedRow(currency(row), number(row, "n"), number(row, "owed"), number(row, "gave_up"))).all();
    }

    public Flux<DisputesRow> disputes(Period period) {
        return inPeriod("""
                SELECT status, coalesce(currency, '') AS currency, count(*) AS n, coalesce(sum(amount_minor), 0) AS amount
                FROM payment_disputes WHERE opened_at >= :from AND opened_at < :to
                GROUP BY status, currency ORDER BY status, currency""", period)
                .map(row -> new DisputesRow(row.get("status", String.class), currency(row), number(row, "n"),
                        number(row, "amount"))).all();
    }

    public Flux<WebhooksRow> webhooks(Period period) {
        return inPeriod("""
                SELECT provider, count(*) AS received, sum(redeliveries) AS redeliveries,
                       count(*) FILTER (WHERE outcome = 'duplicate') AS no_change,
                       count(*) FILTER (WHERE processed_at IS NULL AND last_error IS NOT NULL) AS failing,
                       count(*) FILTER (WHERE outcome = 'dead_letter') AS dead
                FROM payment_events WHERE received_at >= :from AND received_at < :to
                GROUP BY provider ORDER BY provider""", period)
                .map(row -> new WebhooksRow(row.get("provider", String.class), number(row, "received"),
                        number(row, "redeliveries"), number(row, "no_change"), number(row, "failing"),
                        number(row, "dead"))).all();
    }

    public Flux<MismatchesRow> mismatches(Period period) {
        return inPeriod("""
                SELECT provider, kind, count(*) AS n FROM payment_mismatches
                WHERE detected_at >= :from AND detected_at < :to GROUP BY provider, kind ORDER BY provider, kind""", period)
                .map(row -> new MismatchesRow(row.get("provider", String.class), row.get("kind", String.class),
                        number(row, "n"))).all();
    }

    /**
     * Payments needing a person, oldest first, after ({@code since}, {@code itemId}) when given: failed refunds,
     * money owed back and not settled, flagged payments, open disputes.
     */
    public Flux<Attention> attention(Instant afterSince, UUID afterId, int limit) {
        Sql sql = new Sql("""
                SELECT * FROM (
                    SELECT 'refund_failed' AS kind, r.updated_at AS since, r.id AS item_id, r.payment_id, p.order_id,
                           r.provider, r.amount_minor, r.currency,
                           CASE WHEN r.reversed_at IS NULL THEN 'refused' ELSE 'failed_after_success' END AS detail
                    FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE r.status = 'FAILED'
                    UNION ALL
                    SELECT 'refund_due', d.created_at, d.id, p.id, d.order_id, p.provider,
                           d.amount_minor - d.refunded_minor, d.currency,
                           d.reason || CASE WHEN d.gave_up_at IS NOT NULL THEN ' (automatic refund gave up)'
                                            WHEN d.refund_requested_at IS NOT NULL THEN ' (refund requested)'
                                            ELSE ' (automatic refund pending)' END
                    FROM order_refunds_due d LEFT JOIN payments p ON p.id::text = d.payment_reference
                    WHERE d.settled_at IS NULL
                    UNION ALL
                    SELECT 'payment_flagged', p.updated_at, p.id, p.id, p.order_id, p.provider,
                           coalesce(p.received_minor, p.amount_minor), coalesce(p.received_currency, p.currency),
                           coalesce(p.flag, 'flagged')
                    FROM payments p WHERE p.status = 'FLAGGED'
                    UNION ALL
                    SELECT 'dispute_open', d.opened_at, d.id, d.payment_id, d.order_id, d.provider, d.amount_minor,
                           d.currency, d.status || coalesce(': ' || d.reason, '')
                    FROM payment_disputes d WHERE d.closed_at IS NULL) items""");
        if (afterSince != null) {
            sql.append("WHERE (since, item_id) > (:afterAt, :afterId)").bind("afterAt", afterSince).bind("afterId", afterId);
        }
        return sql.append("ORDER BY since, item_id").and("LIMIT :limit", "limit", limit).on(db)
                .map(row -> {
                    Long amount = row.get("amount_minor", Long.class);
                    String currency = row.get("currency", String.class);
                    return new Attention(row.get("kind", String.class),
                            row.get("since", OffsetDateTime.class).toInstant(), row.get("item_id", UUID.class),
                            row.get("payment_id", UUID.class), row.get("order_id", UUID.class),
                            row.get("provider", String.class),
                            amount == null || currency == null ? null : Money.of(amount, currency.trim()),
                            row.get("detail", String.class));
                }).all();
    }

    /** An item of the attention queue before its actions are named. */
    public record Attention(String kind, Instant since, UUID itemId, UUID paymentId, UUID orderId, String provider,
            Money amount, String detail) {

        public AttentionItem withActions(List<dev.surge.reporting.operations.domain.PaymentFigures.Action> actions) {
            return new AttentionItem(kind, since, itemId, paymentId, orderId, provider, amount, detail, actions);
        }
    }

    private DatabaseClient.GenericExecuteSpec inPeriod(String text, Period period) {
        Sql sql = new Sql(text).bind("from", period.from()).bind("to", period.to());
        if (text.contains(":interval")) {
            sql.bind("interval", period.interval());
        }
        return sql.on(db);
    }

    private static Instant at(Readable row) {
        Object bucket = row.get("bucket");
        if (bucket instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return row.get("bucket", java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC);
    }

    private static String currency(Readable row) {
        String currency = row.get("currency", String.class);
        return currency == null ? null : currency.trim();
    }

    private static long number(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
