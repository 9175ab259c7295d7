package dev.surge.orders.domain;

import dev.surge.platform.persistence.Money;
import java.util.UUID;

/**
 * One line of an order as sold: the unit price is the one charged before promotions, {@code discount} what
 * promotions took off the line, {@code lineTotal} what the buyer pays for it before tax (units at the unit price less
 * the discount; tax, invoices and refunds follow from it), {@code flashSaleId} set for sale units.
 */
public record OrderLine(int lineNo, UUID variantId, UUID productId, UUID merchantId, String sku, String productTitle,
        String variantTitle, int quantity, Money unitPrice, Money lineTotal, Money tax, UUID flashSaleId,
        Money discount) {
}
