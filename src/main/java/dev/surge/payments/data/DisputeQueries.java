package dev.surge.payments.data;

import dev.surge.payments.gateway.DisputeStatus;
import dev.surge.platform.persistence.Money;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL of payment disputes. */
@Repository
public class DisputeQueries {

    private static final String COLUMNS = """
            id, provider, dispute_reference, payment_id, order_id, status, provider_status, reason, amount_minor,
            currency, opened_at, closed_at, updated_at""";

    private final DatabaseClient db;

    DisputeQueries(DatabaseClient db) {
        this.db = db;
    }

    /** The dispute, locked until the end of the transaction (the caller holds its payment's lock first). */
    public Mono<DisputeRow> lock(String provider, String reference) {
        return db.sql("SELECT " + COLUMNS + " FROM payment_disputes WHERE provider = :p AND dispute_reference = :r FOR UPDATE")
                .bind("p", provider).bind("r", reference).map(DisputeQueries::dispute).one();
    }

    public Mono<Void> insert(DisputeRow d) {
        return db.sql("""
                INSERT INTO payment_disputes (id, provider, dispute_reference, payment_id, order_id, status,
                    provider_status, reason, amount_minor, currency, closed_at)
                VALUES (:id, :provider, :ref, :payment, :order, :status, :pstatus, :reason, :amount, :currency,
                    CASE WHEN :closed THEN now() END)""")
                .bind("id", d.id()).bind("provider", d.provider()).bind("ref", d.disputeReference())
                .bind("payment", d.paymentId()).bind("order", d.orderId()).bind("status", d.status().name())
                .bind("pstatus", nullable(d.providerStatus())).bind("reason", nullable(d.reason()))
                .bind("amount", d.amount() == null ? Parameters.in(Long.class) : d.amount().amountMinor())
                .bind("currency", d.amount() == null ? Parameters.in(String.class) : d.amount().currency())
                .bind("closed", d.status().isClosed())
                .then();
    }

    /** Moves a dispute to {@code status}, closing it when the status is final. */
    public Mono<Void> update(UUID id, DisputeStatus status, String providerStatus, String reason) {
        return db.sql("""
                UPDATE payment_disputes SET status = :status, provider_status = coalesce(:pstatus, provider_status),
                    reason = coalesce(:reason, reason), closed_at = CASE WHEN :closed THEN now() END, updated_at = now()
                WHERE id = :id""")
                .bind("id", id).bind("status", status.name()).bind("pstatus", nullable(providerStatus))
                .bind("reason", nullable(reason)).bind("closed", status.isClosed())
                .then();
    }

    /** Disputes in one of {@code statuses}, oldest first. */
    public Flux<DisputeRow> list(Collection<DisputeStatus> statuses, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM payment_disputes WHERE status = ANY(:statuses) "
                        + "ORDER BY opened_at, id LIMIT :limit")
                .bind("statuses", statuses.stream().map(DisputeStatus::name).toArray(String[]::new))
                .bind("limit", limit)
                .map(DisputeQueries::dispute).all();
    }

    private static Object nullable(String value) {
        return value == null ? Parameters.in(String.class) : value;
    }

    static DisputeRow dispute(Readable row) {
        Long amount = row.get("amount_minor", Long.class);
        String currency = row.get("currency", String.class);
        return new DisputeRow(row.get("id", UUID.class), row.get("provider", String.class),
                row.get("dispute_reference", String.class), row.get("payment_id", UUID.class),
                row.get("order_id", UUID.class), DisputeStatus.valueOf(row.get("status", String.class)),
                row.get("provider_status", String.class), row.get("reason", String.class),
                amount == null || currency == null ? null : Money.of(amount, currency),
                row.get("opened_at", Instant.class), row.get("closed_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
