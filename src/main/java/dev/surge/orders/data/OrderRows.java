package dev.surge.orders.data;

import dev.surge.orders.OrderStatus;
import dev.surge.orders.domain.Address;
import dev.surge.orders.domain.Order;
import dev.surge.orders.domain.OrderLine;
import dev.surge.platform.persistence.Money;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** How an order's rows read and write: the columns of its head and the mapping of rows to domain records. */
@Component
class OrderRows {

    static final String COLUMNS = """
            id, number, customer_id, email, status, currency, item_count, subtotal_minor, tax_minor, shipping_minor,
            total_minor, prices_include_tax, tax_rate, shipping_address, billing_address, expires_at, paid_at, paid_minor,
            payment_reference, refunded_minor, carrier, tracking_number, shipped_at, delivered_at, closed_at,
            version, created_at, updated_at, dispute, discount_minor, coupon_code,
            EXISTS (SELECT 1 FROM order_refunds_due d WHERE d.order_id = orders.id AND d.settled_at IS NULL) AS refund_due""";

    private final JsonMapper json;

    OrderRows(JsonMapper json) {
        this.json = json;
    }

    Order order(Readable row) {
        String currency = row.get("currency", String.class).trim();
        Long paid = row.get("paid_minor", Long.class);
        return new Order(row.get("id", UUID.class), row.get("number", String.class), row.get("customer_id", UUID.class),
                row.get("email", String.class), status(row.get("status", String.class)), currency,
                row.get("item_count", Integer.class), money(row, "subtotal_minor", currency),
                money(row, "tax_minor", currency), money(row, "shipping_minor", currency),
                money(row, "total_minor", currency), Boolean.TRUE.equals(row.get("prices_include_tax", Boolean.class)),
                row.get("tax_rate", BigDecimal.class), address(row, "shipping_address"), address(row, "billing_address"),
                instant(row, "expires_at"), instant(row, "paid_at"), paid == null ? null : new Money(paid, currency),
                row.get("payment_reference", String.class), money(row, "refunded_minor", currency),
                Boolean.TRUE.equals(row.get("refund_due", Boolean.class)), row.get("dispute", String.class),
                row.get("carrier", String.class),
                row.get("tracking_number", String.class), instant(row, "shipped_at"), instant(row, "delivered_at"),
                instant(row, "closed_at"), row.get("version", Long.class), instant(row, "created_at"),
                instant(row, "updated_at"), List.of(), List.of(), List.of(), money(row, "discount_minor", currency),
                row.get("coupon_code", String.class));
    }

    static OrderLine line(Readable row, String currency) {
        return new OrderLine(row.get("line_no", Integer.class), row.get("variant_id", UUID.class),
                row.get("product_id", UUID.class), row.get("merchant_id", UUID.class), row.get("sku", String.class),
                row.get("product_title", String.class), row.get("variant_title", String.class),
                row.get("quantity", Integer.class), money(row, "unit_price_minor", currency),
                money(row, "line_total_minor", currency), money(row, "tax_minor", currency),
                row.get("flash_sale_id", UUID.class), money(row, "discount_minor", currency));
    }

    Json json(Address address) {
        return Json.of(json.writeValueAsBytes(address));
    }

    /** Order lines as a JSON array of objects named as {@code order_lines}' columns (for {@code jsonb_to_recordset}). */
    Json json(List<OrderLine> lines) {
        List<Map<String, Object>> values = new ArrayList<>(lines.size());
        for (OrderLine line : lines) {
            Map<String, Object> value = new HashMap<>();
            value.put("line_no", line.lineNo());
            value.put("variant_id", line.variantId());
            value.put("product_id", line.productId());
            value.put("merchant_id", line.merchantId());
            value.put("sku", line.sku());
            value.put("product_title", line.productTitle());
            value.put("variant_title", line.variantTitle());
            value.put("quantity", line.quantity());
            value.put("unit_price_minor", line.unitPrice().amountMinor());
            value.put("line_total_minor", line.lineTotal().amountMinor());
            value.put("tax_minor", line.tax().amountMinor());
            value.put("flash_sale_id", line.flashSaleId());
            value.put("discount_minor", line.discount().amountMinor());
            values.add(value);
        }
        return Json.of(json.writeValueAsBytes(values));
    }

    private Address address(Readable row, String column) {
        Json value = row.get(column, Json.class);
        return value == null ? null : json.readValue(value.asArray(), Address.class);
    }

    private static Money money(Readable row, String column, String currency) {
        return new Money(row.get(column, Long.class), currency);
    }

    static OrderStatus status(String name) {
        return name == null ? null : OrderStatus.valueOf(name);
    }

    static Instant instant(Readable row, String column) {
        OffsetDateTime at = row.get(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
