package dev.surge.reporting.sales.domain;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The figures the sales reports show. Money is in minor units of {@code currency}; no figure ever adds two
 * currencies. {@code net} is what the store keeps: what buyers paid ({@code total}: after discounts, with tax and
 * shipping) less what went back; {@code averageOrderValue} is {@code total / orders}, rounded down.
 */
public final class SalesFigures {

    private SalesFigures() {
    }

    /** The money and counts of some orders in one currency. */
    public record Totals(long orders, long units, long gross, long discounts, long tax, long shipping, long refunds,
            long total) {

        public long net() {
            return total - refunds;
        }

        public long averageOrderValue() {
            return orders == 0 ? 0 : total / orders;
        }
    }

    /** One interval (its first day) and currency. */
    public record Period(LocalDate period, String currency, Totals totals) {
    }

    /** One merchant's figures over the range, in one currency. */
    public record Merchant(UUID merchantId, String currency, Totals totals) {
    }

    /** A product over the range, in one currency: units, gross (units at unit price) and revenue (after discounts). */
    public record Product(UUID productId, String title, UUID categoryId, UUID merchantId, String currency,
            ProductTotals totals) {
    }

    /** A category (null: products without one) over the range, in one currency. */
    public record Category(UUID categoryId, String currency, ProductTotals totals) {
    }

    public record ProductTotals(long orders, long units, long gross, long revenue) {
    }

    /**
     * Buyers in one interval: paid orders by signed-in customers and by guests, the distinct customers, those whose
     * first paid order fell in the interval (new), the others (returning), and returning / customers.
     */
    public record Customers(LocalDate period, long orders, long signedInOrders, long guestOrders, long customers,
            long newCustomers) {

        public long returningCustomers() {
            return customers - newCustomers;
        }

        public double repeatRate() {
            return customers == 0 ? 0 : Math.round(10_000.0 * returningCustomers() / customers) / 10_000.0;
        }
    }

    /** Checkouts and paid orders of one interval and currency; {@code rate} is paid / checkouts. */
    public record Conversion(LocalDate period, String currency, long checkouts, long paid) {

        public double rate() {
            return checkouts == 0 ? 0 : Math.round(10_000.0 * paid / checkouts) / 10_000.0;
        }
    }
}
