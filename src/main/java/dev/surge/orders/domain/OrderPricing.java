package dev.surge.orders.domain;

import dev.surge.catalog.VariantSnapshot;
import dev.surge.platform.persistence.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Prices an order on the server: unit prices come from the catalog or a flash sale (never the client),
 * tax from the destination's rule (per line, in minor units), shipping from the configured rates. Shipping
 * is not taxed. All amounts are whole minor units of the order's single currency, so zero-decimal
 * (JPY) and three-decimal (KWD) currencies need nothing special. Promotions' discounts are taken off each line before
 * its tax is computed, the subtotal is the lines after them, and the shipping threshold looks at that subtotal; a free
 * shipping promotion makes shipping 0 and counts the shipping it saved in the discount.
 */
public final class OrderPricing {

    private final TaxPolicy tax;
    private final ShippingPolicy shipping;

    public OrderPricing(TaxPolicy tax, ShippingPolicy shipping) {
        this.tax = tax;
        this.shipping = shipping;
    }

    /** A variant at a price: the catalog's, or a flash sale's for the units of {@code reservationId}. */
    public record Item(VariantSnapshot variant, int quantity, Money unitPrice, UUID flashSaleId) {
    }

    public record Priced(String currency, List<OrderLine> lines, int itemCount, long subtotal, long tax,
            long shipping, long total, boolean pricesIncludeTax, BigDecimal taxRate, long discount) {
    }

    /** Without promotions. */
    public Priced price(List<Item> items, Address shipTo) {
        return price(items, shipTo, null, false);
    }

    /**
     * With promotions: {@code lineDiscounts} per item (same positions; null: none), each at most the item's amount;
     * {@code freeShipping}: shipping costs nothing.
     */
    public Priced price(List<Item> items, Address shipTo, List<Long> lineDiscounts, boolean freeShipping) {
        if (items.isEmpty()) {
            throw new OrderErrors.NothingToOrder(false);
        }
        String currency = items.get(0).unitPrice().currency();
        TaxPolicy.Rate rate = tax.rateFor(shipTo);
        List<OrderLine> lines = new ArrayList<>(items.size());
        long subtotal = 0;
        long discount = 0;
        long taxTotal = 0;
        long grams = 0;
        int units = 0;
        for (Item item : items) {
            if (!item.unitPrice().currency().equals(currency)) {
                throw new OrderErrors.MixedCurrencies(item.variant().sku(), item.unitPrice().currency(), currency);
            }
            long full = Math.multiplyExact(item.unitPrice().amountMinor(), item.quantity());
            long off = lineDiscounts == null ? 0 : Math.min(full, lineDiscounts.get(lines.size()));
            long lineTotal = full - off;
            long lineTax = rate.taxOf(lineTotal);
            discount = Math.addExact(discount, off);
            VariantSnapshot v = item.variant();
            lines.add(new OrderLine(lines.size() + 1, v.variantId(), v.productId(), v.merchantId(), v.sku(),
                    v.productTitle(), v.variantTitle(), item.quantity(), item.unitPrice(), new Money(lineTotal, currency),
                    new Money(lineTax, currency), item.flashSaleId(), new Money(off, currency)));
            subtotal = Math.addExact(subtotal, lineTotal);
            taxTotal = Math.addExact(taxTotal, lineTax);
            grams = Math.addExact(grams, Math.multiplyExact(v.weightGrams() == null ? 0L : v.weightGrams(), item.quantity()));
            units += item.quantity();
        }
        long shippingCost = shipping.cost(currency, shipTo.country(), subtotal, grams)
                .orElseThrow(() -> new OrderErrors.ShippingUnavailable(currency, shipTo.country()));
        if (freeShipping) {
            discount = Math.addExact(discount, shippingCost);
            shippingCost = 0;
        }
        long total = Math.addExact(Math.addExact(subtotal, shippingCost), rate.inclusive() ? 0 : taxTotal);
        return new Priced(currency, List.copyOf(lines), units, subtotal, taxTotal, shippingCost, total, rate.inclusive(),
                rate.percent(), discount);
    }
}
