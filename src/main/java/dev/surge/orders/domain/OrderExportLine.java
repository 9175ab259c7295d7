package dev.surge.orders.domain;

import java.time.Instant;
import java.util.UUID;

/** One line of one order with its order's fields, as the order export writes it; amounts in minor units. */
public record OrderExportLine(String number, UUID orderId, Instant placedAt, String status, UUID customerId,
        String email, String currency, int lineNo, UUID merchantId, String sku, String productTitle,
        String variantTitle, int quantity, long unitPriceMinor, long lineTotalMinor, long lineTaxMinor,
        Totals order) {

    /** The order's totals, repeated on each of its lines. */
    public record Totals(long subtotalMinor, long taxMinor, long shippingMinor, long totalMinor, long refundedMinor) {
    }
}
