package dev.surge.catalog.domain;

import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A product page: the summary fields plus description, every variant and every image. */
public record ProductDetail(UUID id, String slug, String title, String description, Money price, boolean inStock,
        boolean featured, ProductSummary.MerchantRef merchant, ProductSummary.CategoryRef category,
        List<Variant> variants, List<ProductImage> images, Instant createdAt, Instant updatedAt,
        ProductRating rating) {

    /** {@code attributes} are the variant's options, e.g. {@code {"color": "black", "size": "M"}}. */
    public record Variant(UUID id, String sku, String title, Money price, Map<String, String> attributes,
            boolean inStock) {
    }
}
