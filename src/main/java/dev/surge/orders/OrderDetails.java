package dev.surge.orders;

import dev.surge.platform.persistence.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order with its lines, totals and shipping address, as other modules (notifications) may read it: what a
 * receipt shows. Amounts are those fixed at checkout; {@code paid} and {@code refunded} are what moved since.
 *
 * @param email where the buyer's emails go: the order's contact address (a guest's, or the account's at checkout)
 */
public record OrderDetails(UUID id, String number, UUID customerId, String email, OrderStatus status,
        Money subtotal, Money tax, Money shipping, Money total, boolean pricesIncludeTax, BigDecimal taxRate,
        Address shippingAddress, Money paid, Money refunded, String carrier, String trackingNumber,
        Instant createdAt, Instant expiresAt, List<Line> lines) {

    /** One line as sold. */
    public record Line(UUID variantId, UUID merchantId, String sku, String productTitle, String variantTitle,
            int quantity, Money unitPrice, Money lineTotal, Money tax) {
    }

    /** A postal address; {@code country} is ISO 3166-1 alpha-2. */
    public record Address(String name, String line1, String line2, String city, String region, String postalCode,
            String country) {
    }
}
