package dev.surge.catalog.domain;

import dev.surge.catalog.CatalogAvailability;
import dev.surge.catalog.ProductChanged;
import dev.surge.platform.events.Outbox;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Keeps {@code product_variants.stock_on_hand} as the catalog's read model of available units. */
@Service
class VariantAvailability implements CatalogAvailability {

    private final DatabaseClient db;
    private final Outbox outbox;

    VariantAvailability(DatabaseClient db, Outbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    @Override
    public Mono<Integer> listedUnits(UUID variantId) {
        return db.sql("SELECT stock_on_hand FROM product_variants WHERE id = :id")
                .bind("id", variantId)
                .map(row -> row.get("stock_on_hand", Integer.class))
                .one();
    }

    @Override
    /**
     * Public pages and lists show only whether a variant is in stock, so they are told ({@link ProductChanged},
     * which drops the product's cached page and every cached list) only when that flips: an order that leaves
     * units on the shelf changes the figure for the back office and nothing a shopper sees.
     */
    public Mono<Void> recordAvailable(UUID variantId, int units) {
        int now = Math.max(0, units);
        return db.sql("""
                UPDATE product_variants v SET stock_on_hand = :units
                FROM (SELECT id, coalesce(stock_on_hand, 0) > 0 AS was_in_stock
                      FROM product_variants WHERE id = :id FOR UPDATE) old
                WHERE v.id = old.id AND v.stock_on_hand IS DISTINCT FROM :units
                RETURNING v.product_id, old.was_in_stock""")
                .bind("id", variantId).bind("units", now)
                .map(row -> new Recorded(row.get("product_id", UUID.class),
                        row.get("was_in_stock", Boolean.class) != (now > 0)))
                .one()
                .filter(Recorded::flipped)
                .flatMap(recorded -> outbox.append(new ProductChanged(recorded.productId(), List.of())));
    }

    private record Recorded(UUID productId, boolean flipped) {
    }
}
