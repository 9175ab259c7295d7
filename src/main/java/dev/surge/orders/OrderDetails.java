package dev.surge.orders;

import dev.surge.platform.persistence.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as documents show it (invoices, credit notes): its buyer, addresses, lines as sold, tax, shipping and
 * totals, all fixed at checkout. {@code paidAt} is null until it is paid. One tax rate applies to the whole order
 * (the destination's); shipping is not taxed.
 */
public record OrderDetails(UUID id, String number, OrderStatus status, UUID customerId, String email,
        String currency, Money subtotal, Money tax, Money shipping, Money total, boolean pricesIncludeTax,
        BigDecimal taxRate, PostalAddress shippingAddress, PostalAddress billingAddress, Instant placedAt,
        Instant paidAt, List<Line> lines) {

    public OrderDetails {
        lines = List.copyOf(lines);
    }

    /** One line as sold: the merchant whose product it is, the unit price charged and the line's tax. */
    public record Line(int lineNo, UUID merchantId, String merchantName, String sku, String productTitle,
            String variantTitle, int quantity, Money unitPrice, Money lineTotal, Money tax) {
    }

    /** A postal address as the buyer gave it; {@code country} ISO 3166-1 alpha-2. */
    public record PostalAddress(String name, String line1, String line2, String city, String region,
            String postalCode, String country, String phone) {
    }
}
