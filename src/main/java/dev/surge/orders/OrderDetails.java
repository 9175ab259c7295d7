package dev.surge.orders;

import dev.surge.platform.persistence.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order with its lines, totals and addresses, as other modules (notifications, invoicing) may read it: what a
 * receipt or an invoice shows. Amounts are those fixed at checkout; {@code paid} and {@code refunded} are what
 * moved since. Line totals and the subtotal are after promotions; {@code discount} is what they took off (lines and
 * shipping), each line's {@code discount} its part. One tax rate applies to the whole order (its destination's); shipping is not taxed.
 *
 * @param email          where the buyer's emails go: the order's contact address (a guest's, or the account's at checkout)
 * @param billingAddress as the buyer gave it at checkout; null when they gave none (bill to the shipping address)
 * @param paidAt         when the order was paid; null until it is
 */
public record OrderDetails(UUID id, String number, UUID customerId, String email, OrderStatus status,
        Money subtotal, Money tax, Money shipping, Money total, boolean pricesIncludeTax, BigDecimal taxRate,
        Address shippingAddress, Money paid, Money refunded, String carrier, String trackingNumber,
        Instant createdAt, Instant expiresAt, List<Line> lines, Address billingAddress, Instant paidAt, Money discount) {

    public OrderDetails(UUID id, String number, UUID customerId, String email, OrderStatus status,
            Money subtotal, Money tax, Money shipping, Money total, boolean pricesIncludeTax, BigDecimal taxRate,
            Address shippingAddress, Money paid, Money refunded, String carrier, String trackingNumber,
            Instant createdAt, Instant expiresAt, List<Line> lines, Address billingAddress, Instant paidAt) {
        this(id, number, customerId, email, status, subtotal, tax, shipping, total, pricesIncludeTax, taxRate,
                shippingAddress, paid, refunded, carrier, trackingNumber, createdAt, expiresAt, lines, billingAddress,
                paidAt, new Money(0, total.currency()));
    }

    /** One line as sold; {@code merchantName}: the name of the merchant whose product it is. */
    public record Line(UUID variantId, UUID merchantId, String sku, String productTitle, String variantTitle,
            int quantity, Money unitPrice, Money lineTotal, Money tax, String merchantName, Money discount) {

        public Line(UUID variantId, UUID merchantId, String sku, String productTitle, String variantTitle,
                int quantity, Money unitPrice, Money lineTotal, Money tax, String merchantName) {
            this(variantId, merchantId, sku, productTitle, variantTitle, quantity, unitPrice, lineTotal, tax, merchantName,
                    new Money(0, lineTotal.currency()));
        }
    }

    /** A postal address; {@code country} is ISO 3166-1 alpha-2. */
    public record Address(String name, String line1, String line2, String city, String region, String postalCode,
            String country) {
    }
}
