package dev.surge.catalog.domain;

import dev.surge.platform.persistence.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A product as it appears in lists and search results; {@code price} is the lowest variant price, {@code rating}
 * the average and count of its published reviews.
 */
public record ProductSummary(UUID id, String slug, String title, Money price, boolean inStock, boolean featured,
        MerchantRef merchant, CategoryRef category, ProductImage image, Instant createdAt, ProductRating rating) {

    public record MerchantRef(UUID id, String slug, String name) {
    }

    public record CategoryRef(UUID id, String slug, String name) {
    }
}
