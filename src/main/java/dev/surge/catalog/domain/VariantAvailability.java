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
    public Mono<Void> recordAvailable(UUID variantId, int units) {
        return db.sql("""
                UPDATE product_variants SET stock_on_hand = :units
                WHERE id = :id AND stock_on_hand IS DISTINCT FROM :units
                RETURNING product_id""")
                .bind("id", variantId).bind("units", Math.max(0, units))
                .map(row -> row.get("product_id", UUID.class))
                .one()
                .flatMap(productId -> outbox.append(new ProductChanged(productId, List.of())));
    }
}
