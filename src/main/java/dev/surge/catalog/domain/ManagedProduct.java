package dev.surge.catalog.domain;

import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A product as its merchant manages it: any status, every variant with its stock count, and
 * {@code version}, which is the product's {@code ETag} and which every update must send back in
 * {@code If-Match}.
 */
public record ManagedProduct(UUID id, UUID merchantId, String slug, String title, String description,
        ProductStatus status, boolean featured, Integer featuredPosition, ProductSummary.CategoryRef category,
        Money price, long version, List<Variant> variants, Instant createdAt, Instant updatedAt) {

    /** {@code stockOnHand} is read-only here: the inventory module owns it. */
    public record Variant(UUID id, String sku, String title, Money price, Money compareAtPrice, Integer weightGrams,
            Map<String, String> attributes, int stockOnHand) {
    }
}
