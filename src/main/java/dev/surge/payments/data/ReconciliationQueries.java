package dev.surge.payments.data;

import io.r2dbc.spi.Parameters;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL of reconciliation runs and the mismatches they found. */
@Repository
public class ReconciliationQueries {

    private final DatabaseClient db;

    ReconciliationQueries(DatabaseClient db) {
        this.db = db;
    }

    /** One difference between a provider's list and ours. */
    public record Mismatch(UUID id, UUID runId, String provider, String kind, UUID paymentId, String providerReference,
            String ourStatus, String providerStatus, Long ourAmountMinor, Long providerAmountMinor, String currency,
            Instant detectedAt) {
    }

    public Mono<Void> startRun(UUID id, Instant from, Instant to) {
        return db.sql("INSERT INTO payment_reconciliation_runs (id, window_from, window_to) VALUES (:id, :from, :to)")
                .bind("id", id).bind("from", from).bind("to", to).then();
    }

    public Mono<Void> finishRun(UUID id, int compared, int mismatches) {
        return db.sql("""
                UPDATE payment_reconciliation_runs SET finished_at = now(), compared = :compared, mismatches = :mismatches
                WHERE id = :id""")
                .bind("id", id).bind("compared", compared).bind("mismatches", mismatches).then();
    }

    public Mono<Void> insert(Mismatch m) {
        return db.sql("""
                INSERT INTO payment_mismatches (id, run_id, provider, kind, payment_id, provider_reference, our_status,
                    provider_status, our_amount_minor, provider_amount_minor, currency)
                VALUES (:id, :run, :provider, :kind, :payment, :ref, :ours, :theirs, :ourAmount, :theirAmount, :currency)""")
                .bind("id", m.id()).bind("run", m.runId()).bind("provider", m.provider()).bind("kind", m.kind())
                .bind("payment", m.paymentId() == null ? Parameters.in(UUID.class) : m.paymentId())
                .bind("ref", text(m.providerReference())).bind("ours", text(m.ourStatus()))
                .bind("theirs", text(m.providerStatus()))
                .bind("ourAmount", m.ourAmountMinor() == null ? Parameters.in(Long.class) : m.ourAmountMinor())
                .bind("theirAmount", m.providerAmountMinor() == null ? Parameters.in(Long.class) : m.providerAmountMinor())
                .bind("currency", text(m.currency())).then();
    }

    /** The latest finished run's id, if any. */
    public Mono<UUID> latestRun() {
        return db.sql("SELECT id FROM payment_reconciliation_runs WHERE finished_at IS NOT NULL ORDER BY started_at DESC LIMIT 1")
                .map(row -> row.get("id", UUID.class)).one();
    }

    public Flux<Mismatch> mismatches(UUID runId) {
        return db.sql("""
                SELECT id, run_id, provider, kind, payment_id, provider_reference, our_status, provider_status,
                    our_amount_minor, provider_amount_minor, currency, detected_at
                FROM payment_mismatches WHERE run_id = :run ORDER BY provider, kind, provider_reference""")
                .bind("run", runId)
                .map(row -> new Mismatch(row.get("id", UUID.class), row.get("run_id", UUID.class),
                        row.get("provider", String.class), row.get("kind", String.class), row.get("payment_id", UUID.class),
                        row.get("provider_reference", String.class), row.get("our_status", String.class),
                        row.get("provider_status", String.class), row.get("our_amount_minor", Long.class),
                        row.get("provider_amount_minor", Long.class), row.get("currency", String.class),
                        row.get("detected_at", Instant.class)))
                .all();
    }

    private static Object text(String value) {
        return value == null ? Parameters.in(String.class) : value;
    }
}
