package dev.surge.reporting.sales.domain;

import dev.surge.orders.OrderDetails;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one paid order adds to the reports, computed the way the rebuild's SQL computes it: a whole-store row with
 * the order's own totals, and one row per merchant of its lines. A merchant's row has its lines' units, gross
 * (units at unit price), discounts, tax and total; the order-level parts that belong to no line (shipping, its
 * discount, tax rounding) go to the merchant of the first line, and refunds are shared in proportion to the
 * merchants' line totals (whole minor units, the remainder to the first line's merchant). Rows of one order always
 * add up to its whole-store row.
 */
public record SalesFacts(List<OrderFact> orders, List<ProductFact> products) {

    /** The whole store, as a merchant id. */
    public static final UUID STORE = new UUID(0, 0);

    public record OrderFact(UUID orderId, UUID merchantId, String currency, LocalDate day, UUID customerId,
            Amounts amounts) {
    }

    public record Amounts(long units, long gross, long discount, long tax, long shipping, long refunded, long total) {
    }

    public record ProductFact(UUID orderId, UUID productId, UUID merchantId, String currency, LocalDate day,
            ProductSales sales) {
    }

    public record ProductSales(long units, long gross, long revenue, String title, UUID categoryId) {
    }

    /** Where a variant belongs in the catalog; {@code productId} falls back to the variant when the catalog lost it. */
    public record Placement(UUID productId, UUID categoryId) {
    }

    static final SalesFacts NONE = new SalesFacts(List.of(), List.of());

    /** Nothing for an order not paid; else its rows. */
    public static SalesFacts of(OrderDetails order, Map<UUID, Placement> placements) {
        if (order.paidAt() == null || order.lines().isEmpty()) {
            return NONE;
        }
        String currency = order.total().currency();
        LocalDate day = LocalDate.ofInstant(order.paidAt(), ZoneOffset.UTC);
        Map<UUID, long[]> merchants = new LinkedHashMap<>(); // units, gross, discount, tax, lineTotal
        Map<UUID, ProductSales> products = new LinkedHashMap<>();
        Map<UUID, UUID> productMerchant = new LinkedHashMap<>();
        for (OrderDetails.Line line : order.lines()) {
            long gross = line.unitPrice().amountMinor() * line.quantity();
            long[] m = merchants.computeIfAbsent(line.merchantId(), k -> new long[5]);
            m[0] += line.quantity();
            m[1] += gross;
            m[2] += line.discount().amountMinor();
            m[3] += line.tax().amountMinor();
            m[4] += line.lineTotal().amountMinor();
            Placement placement = placements.getOrDefault(line.variantId(), new Placement(line.variantId(), null));
            products.merge(placement.productId(), new ProductSales(line.quantity(), gross,
                    line.lineTotal().amountMinor(), line.productTitle(), placement.categoryId()),
                    (a, b) -> new ProductSales(a.units() + b.units(), a.gross() + b.gross(),
                            a.revenue() + b.revenue(), b.title(), b.categoryId()));
            productMerchant.putIfAbsent(placement.productId(), line.merchantId());
        }
        Amounts whole = whole(order, merchants);
        List<OrderFact> rows = new ArrayList<>();
        rows.add(new OrderFact(order.id(), STORE, currency, day, order.customerId(), whole));
        for (Map.Entry<UUID, Amounts> m : perMerchant(order, merchants, whole).entrySet()) {
            rows.add(new OrderFact(order.id(), m.getKey(), currency, day, order.customerId(), m.getValue()));
        }
        List<ProductFact> productRows = new ArrayList<>();
        products.forEach((product, sales) -> productRows.add(new ProductFact(order.id(), product,
                productMerchant.get(product), currency, day, sales)));
        return new SalesFacts(rows, productRows);
    }

    private static Amounts whole(OrderDetails order, Map<UUID, long[]> merchants) {
        long units = merchants.values().stream().mapToLong(m -> m[0]).sum();
        long gross = merchants.values().stream().mapToLong(m -> m[1]).sum();
        return new Amounts(units, gross, order.discount().amountMinor(), order.tax().amountMinor(),
                order.shipping().amountMinor(), order.refunded().amountMinor(), order.total().amountMinor());
    }

    private static Map<UUID, Amounts> perMerchant(OrderDetails order, Map<UUID, long[]> merchants, Amounts whole) {
        long lineTotals = merchants.values().stream().mapToLong(m -> m[4]).sum();
        long lineDiscounts = merchants.values().stream().mapToLong(m -> m[2]).sum();
        long lineTaxes = merchants.values().stream().mapToLong(m -> m[3]).sum();
        UUID first = order.lines().get(0).merchantId();
        Map<UUID, Amounts> out = new LinkedHashMap<>();
        long refundShared = 0;
        long totalOthers = 0;
        for (Map.Entry<UUID, long[]> e : merchants.entrySet()) {
            long[] m = e.getValue();
            long refunded = lineTotals == 0 ? 0 : Math.multiplyExact(whole.refunded(), m[4]) / lineTotals;
            long total = m[4] + (order.pricesIncludeTax() ? 0 : m[3]);
            if (!e.getKey().equals(first)) {
                refundShared += refunded;
                totalOthers += total;
            }
            out.put(e.getKey(), new Amounts(m[0], m[1], m[2], m[3], 0, refunded, total));
        }
        long[] f = merchants.get(first);
        out.put(first, new Amounts(f[0], f[1], f[2] + whole.discount() - lineDiscounts,
                f[3] + whole.tax() - lineTaxes, whole.shipping(), whole.refunded() - refundShared,
                whole.total() - totalOthers));
        return out;
    }
}
