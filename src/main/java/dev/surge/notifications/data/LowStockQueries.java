package dev.surge.notifications.data;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Variants waiting for their merchant's next low-stock digest ({@code low_stock_pending}). */
@Repository
public class LowStockQueries {

    private final DatabaseClient db;

    LowStockQueries(DatabaseClient db) {
        this.db = db;
    }

    /** A variant that fell below its threshold, as last reported (one row per variant until the digest). */
    public record LowStockRow(UUID merchantId, UUID variantId, String sku, String title, int available, int threshold) {
    }

    public Mono<Void> remember(LowStockRow row) {
        return db.sql("""
                INSERT INTO low_stock_pending (merchant_id, variant_id, sku, title, available, threshold)
                VALUES (:merchant, :variant, :sku, :title, :available, :threshold)
                ON CONFLICT (merchant_id, variant_id) DO UPDATE SET available = excluded.available,
                    threshold = excluded.threshold, sku = excluded.sku, title = excluded.title, noticed_at = now()""")
                .bind("merchant", row.merchantId()).bind("variant", row.variantId()).bind("sku", row.sku())
                .bind("title", row.title()).bind("available", row.available()).bind("threshold", row.threshold())
                .then();
    }

    /** Merchants with variants waiting for a digest. */
    public Flux<UUID> merchantsWaiting() {
        return db.sql("SELECT DISTINCT merchant_id FROM low_stock_pending").map(row -> row.get(0, UUID.class)).all();
    }

    /** Takes the merchant's waiting variants (they are deleted: the caller's transaction records the digest). */
    public Flux<LowStockRow> take(UUID merchantId) {
        return db.sql("""
                DELETE FROM low_stock_pending WHERE merchant_id = :merchant
                RETURNING merchant_id, variant_id, sku, title, available, threshold""")
                .bind("merchant", merchantId)
                .map(row -> new LowStockRow(row.get("merchant_id", UUID.class), row.get("variant_id", UUID.class),
                        row.get("sku", String.class), row.get("title", String.class),
                        row.get("available", Integer.class), row.get("threshold", Integer.class)))
                .all();
    }
}
