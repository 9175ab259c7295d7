package dev.surge.orders.data;

import dev.surge.orders.OrderStatus;
import dev.surge.orders.domain.Address;
import dev.surge.orders.domain.Order;
import dev.surge.orders.domain.OrderLine;
import dev.surge.orders.domain.RefundDue;
import dev.surge.orders.domain.StatusChange;
import dev.surge.platform.persistence.Money;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
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

    /**
     * With {@link #COLUMNS}: the order's lines, history, refunds due and the names of its lines' merchants as JSON
     * (times in microseconds since the epoch), so an order with all its details is one statement; see {@link #detailed}.
     */
    static final String DETAILS = """
            (SELECT coalesce(jsonb_agg(jsonb_build_object('line_no', l.line_no, 'variant_id', l.variant_id,
                    'product_id', l.product_id, 'merchant_id', l.merchant_id, 'sku', l.sku,
                    'product_title', l.product_title, 'variant_title', l.variant_title, 'quantity', l.quantity,
                    'unit_price_minor', l.unit_price_minor, 'line_total_minor', l.line_total_minor,
                    'tax_minor', l.tax_minor, 'flash_sale_id', l.flash_sale_id, 'discount_minor', l.discount_minor)
                    ORDER BY l.line_no), '[]'::jsonb)
             FROM order_lines l WHERE l.order_id = orders.id) AS lines_json,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('from', h.from_status, 'to', h.to_status,
                    'actor_id', h.actor_id, 'actor_role', h.actor_role, 'reason', h.reason,
                    'at', (extract(epoch FROM h.created_at) * 1000000)::bigint) ORDER BY h.created_at, h.id), '[]'::jsonb)
             FROM order_status_history h WHERE h.order_id = orders.id) AS history_json,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('reason', d.reason, 'payment_reference', d.payment_reference,
                    'amount_minor', d.amount_minor, 'currency', trim(d.currency),
                    'created', (extract(epoch FROM d.created_at) * 1000000)::bigint,
                    'settled', (extract(epoch FROM d.settled_at) * 1000000)::bigint) ORDER BY d.created_at, d.id), '[]'::jsonb)
             FROM order_refunds_due d WHERE d.order_id = orders.id) AS due_json,
            (SELECT coalesce(jsonb_object_agg(m.id, m.name), '{}'::jsonb) FROM merchants m
             WHERE m.id IN (SELECT l.merchant_id FROM order_lines l WHERE l.order_id = orders.id)) AS merchants_json""";

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

    /** An order read with {@link #COLUMNS} and {@link #DETAILS}: with its lines, history and refunds due. */
    Order detailed(Readable row) {
        Order order = order(row);
        String currency = order.currency();
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode line : tree(row, "lines_json")) {
            lines.add(new OrderLine(line.get("line_no").asInt(), uuid(line, "variant_id"), uuid(line, "product_id"),
                    uuid(line, "merchant_id"), string(line, "sku"), string(line, "product_title"),
                    string(line, "variant_title"), line.get("quantity").asInt(),
                    new Money(line.get("unit_price_minor").asLong(), currency),
                    new Money(line.get("line_total_minor").asLong(), currency),
                    new Money(line.get("tax_minor").asLong(), currency), uuid(line, "flash_sale_id"),
                    new Money(line.get("discount_minor").asLong(), currency)));
        }
        List<StatusChange> history = new ArrayList<>();
        for (JsonNode change : tree(row, "history_json")) {
            history.add(new StatusChange(status(string(change, "from")), status(string(change, "to")),
                    uuid(change, "actor_id"), string(change, "actor_role"), string(change, "reason"), micros(change, "at")));
        }
        List<RefundDue> due = new ArrayList<>();
        for (JsonNode refund : tree(row, "due_json")) {
            due.add(new RefundDue(string(refund, "reason"), string(refund, "payment_reference"),
                    new Money(refund.get("amount_minor").asLong(), string(refund, "currency")), micros(refund, "created"),
                    micros(refund, "settled")));
        }
        return order.withDetails(lines, history, due);
    }

    /** The names of the merchants of an order read with {@link #DETAILS}, by merchant id. */
    Map<UUID, String> merchantNames(Readable row) {
        Map<UUID, String> names = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> merchant : tree(row, "merchants_json").properties()) {
            names.put(UUID.fromString(merchant.getKey()), merchant.getValue().asString());
        }
        return names;
    }

    private JsonNode tree(Readable row, String column) {
        return json.readTree(row.get(column, Json.class).asArray());
    }

    private static String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static UUID uuid(JsonNode node, String field) {
        String value = string(node, field);
        return value == null ? null : UUID.fromString(value);
    }

    private static Instant micros(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        long micros = value.asLong();
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
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
