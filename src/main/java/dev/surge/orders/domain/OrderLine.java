package dev.surge.orders.domain;

import dev.surge.platform.persistence.Money;
import java.util.UUID;

/** One line of an order as sold: the price is the one charged, {@code flashSaleId} set for sale units. */
public record OrderLine(int lineNo, UUID variantId, UUID productId, UUID merchantId, String sku, String productTitle,
        String variantTitle, int quantity, Money unitPrice, Money lineTotal, Money tax, UUID flashSaleId) {
}
