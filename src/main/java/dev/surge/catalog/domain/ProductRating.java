package dev.surge.catalog.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The published reviews of a product: how many, and their average rating (1.00 to 5.00, two decimals; null
 * when there are none; truncated, not rounded, so it is exactly the key the rating sort and filter use,
 * {@code products.rating_x100}). Read from the running count and sum the reviews module keeps on the product.
 */
public record ProductRating(BigDecimal average, int count) {

    public static ProductRating of(long sum, int count) {
        return new ProductRating(count == 0 ? null
                : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.DOWN), count);
    }
}
