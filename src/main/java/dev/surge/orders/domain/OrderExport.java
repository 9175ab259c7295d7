package dev.surge.orders.domain;

import dev.surge.orders.data.OrderExports;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.security.MerchantAccess;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.Csv;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Orders as CSV for the back office, one row per order line (the order's fields repeated), newest order first,
 * with the filters of the admin order list. The rows stream from the database as the client reads them. Each
 * export is audited ({@code orders.exported}, with its filters) before its first row; customer and seller text
 * (email, titles, SKUs) is written formula-safe.
 */
@Component
public class OrderExport {

    static final List<String> COLUMNS = List.of("order_number", "order_id", "placed_at", "status", "customer_id",
            "email", "currency", "line_no", "merchant_id", "sku", "product_title", "variant_title", "quantity",
            "unit_price", "line_total", "line_tax", "order_subtotal", "order_tax", "order_shipping", "order_total",
            "order_refunded");

    private final OrderExports exports;
    private final AuditTrail audit;

    OrderExport(OrderExports exports, AuditTrail audit) {
        this.exports = exports;
        this.audit = audit;
    }

    /** The CSV's lines (header first), once the export is on the audit trail. */
    public Mono<Flux<String>> csv(UUID actor, OrderReads.Filter filter, Origin origin) {
        return audit.record("orders.exported", actor, null, origin, details(filter))
                .thenReturn(Flux.concat(Mono.just(Csv.line(COLUMNS)), exports.lines(filter).map(OrderExport::line)));
    }

    /** A seller's own lines: its merchant's share of each order, no buyer's personal data, no other merchant's lines. */
    static final List<String> SELLER_COLUMNS = List.of("order_number", "order_id", "placed_at", "status", "currency",
            "line_no", "sku", "product_title", "variant_title", "quantity", "unit_price", "line_total", "line_tax",
            "order_refunded");

    /**
     * The merchant's order lines as CSV (header first), once the export is on the audit trail
     * ({@code orders.seller_exported}); {@code merchant_not_found} for a merchant the caller does not act for.
     */
    public Mono<Flux<String>> sellerCsv(Principals caller, UUID merchantId, OrderReads.Filter filter, Origin origin) {
        if (!MerchantAccess.of(caller, merchantId).allowed()) {
            return Mono.error(new OrderErrors.MerchantNotFound());
        }
        Map<String, Object> details = details(filter);
        details.put("merchantId", merchantId.toString());
        return audit.record("orders.seller_exported", caller.userId(), merchantId, origin, details)
                .thenReturn(Flux.concat(Mono.just(Csv.line(SELLER_COLUMNS)),
                        exports.merchantLines(merchantId, filter).map(OrderExport::sellerLine)));
    }

    static String sellerLine(OrderExportLine line) {
        String currency = line.currency();
        return Csv.safeLine(List.of(line.number(), line.orderId().toString(), line.placedAt().toString(), line.status(),
                currency, Integer.toString(line.lineNo()), line.sku(), line.productTitle(), line.variantTitle(),
                Integer.toString(line.quantity()), major(line.unitPriceMinor(), currency),
                major(line.lineTotalMinor(), currency), major(line.lineTaxMinor(), currency),
                major(line.order().refundedMinor(), currency)));
    }

    static String line(OrderExportLine line) {
        String currency = line.currency();
        OrderExportLine.Totals order = line.order();
        return Csv.safeLine(List.of(line.number(), line.orderId().toString(), line.placedAt().toString(), line.status(),
                Objects.toString(line.customerId(), ""), Objects.toString(line.email(), ""), currency,
                Integer.toString(line.lineNo()), line.merchantId().toString(), line.sku(), line.productTitle(),
                line.variantTitle(), Integer.toString(line.quantity()), major(line.unitPriceMinor(), currency),
                major(line.lineTotalMinor(), currency), major(line.lineTaxMinor(), currency),
                major(order.subtotalMinor(), currency), major(order.taxMinor(), currency),
                major(order.shippingMinor(), currency), major(order.totalMinor(), currency),
                major(order.refundedMinor(), currency)));
    }

    /** Minor units in major units with the currency's decimals ({@code 1999} USD is {@code 19.99}). */
    static String major(long minor, String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    private static Map<String, Object> details(OrderReads.Filter filter) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (!filter.statuses().isEmpty()) {
            details.put("status", filter.statuses().stream().map(Enum::name).toList());
        }
        putIfSet(details, "customerId", filter.customerId());
        putIfSet(details, "email", filter.email());
        putIfSet(details, "number", filter.number());
        putIfSet(details, "from", filter.from());
        putIfSet(details, "to", filter.to());
        if (filter.refundDue()) {
            details.put("refundDue", true);
        }
        return details;
    }

    private static void putIfSet(Map<String, Object> details, String name, Object value) {
        if (value != null) {
            details.put(name, value.toString());
        }
    }
}
