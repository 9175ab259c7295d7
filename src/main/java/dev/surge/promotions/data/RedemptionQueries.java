package dev.surge.promotions.data;

import dev.surge.platform.persistence.Ids;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The statements that redeem and give back, run in the caller's transaction. Taken in one order everywhere (the
 * promotion's row, then the customer's), so concurrent checkouts queue instead of deadlocking.
 */
@Repository
public class RedemptionQueries {

    private final DatabaseClient db;

    RedemptionQueries(DatabaseClient db) {
        this.db = db;
    }

    /**
     * One redemption more, if it is live and under its cap: the conditional update that makes the cap hold across
     * instances (concurrent ones wait on the row and re-check {@code redeemed < cap} on the version they then see).
     */
    public Mono<Boolean> takeOne(UUID promotionId) {
        return db.sql("""
                UPDATE promotions SET redeemed = redeemed + 1
                WHERE id = :id AND active AND starts_at <= now() AND (ends_at IS NULL OR ends_at > now())
                  AND (redemption_cap IS NULL OR redeemed < redemption_cap)""")
                .bind("id", promotionId).fetch().rowsUpdated().map(n -> n == 1);
    }

    /** One use more for the customer, if under {@code limit} (a conditional upsert: the row lock serialises them). */
    public Mono<Boolean> takeCustomerUse(UUID promotionId, String customerKey, int limit) {
        return db.sql("""
                INSERT INTO promotion_customer_uses AS u (promotion_id, customer_key, uses) VALUES (:id, :customer, 1)
                ON CONFLICT (promotion_id, customer_key) DO UPDATE SET uses = u.uses + 1 WHERE u.uses < :limit""")
                .bind("id", promotionId).bind("customer", customerKey).bind("limit", limit)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    public Mono<Void> record(UUID promotionId, UUID orderId, String customerKey, long discountMinor, String currency) {
        return db.sql("""
                INSERT INTO promotion_redemptions (id, promotion_id, order_id, customer_key, discount_minor, currency)
                VALUES (:id, :promotion, :order, :customer, :discount, :currency)""")
                .bind("id", Ids.newId()).bind("promotion", promotionId).bind("order", orderId)
                .bind("customer", customerKey).bind("discount", discountMinor).bind("currency", currency)
                .then();
    }

    /**
     * Gives back every redemption of the order not given back yet, in one statement: marks them released (the guard
     * that makes it once only), and takes one off each promotion's count and its customer's uses.
     */
    public Mono<Long> release(UUID orderId) {
        return db.sql("""
                WITH released AS (
                    UPDATE promotion_redemptions SET released_at = now()
                    WHERE order_id = :order AND released_at IS NULL
                    RETURNING promotion_id, customer_key),
                counts AS (
                    UPDATE promotions p SET redeemed = p.redeemed - 1 FROM released r WHERE p.id = r.promotion_id
                    RETURNING p.id),
                uses AS (
                    UPDATE promotion_customer_uses u SET uses = u.uses - 1 FROM released r
                    WHERE u.promotion_id = r.promotion_id AND u.customer_key = r.customer_key AND u.uses > 0
                    RETURNING u.promotion_id)
                SELECT (SELECT count(*) FROM counts) AS given_back""")
                .bind("order", orderId).map(row -> row.get("given_back", Long.class)).one().defaultIfEmpty(0L);
    }

    /** The customer's current uses of these promotions (absent: none). */
    public Mono<Map<UUID, Integer>> uses(String customerKey, Collection<UUID> promotionIds) {
        if (promotionIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT promotion_id, uses FROM promotion_customer_uses WHERE customer_key = :customer "
                        + "AND promotion_id = ANY(:ids)")
                .bind("customer", customerKey).bind("ids", promotionIds.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("promotion_id", UUID.class), row.get("uses", Integer.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }
}
