package dev.surge.orders.data;

import dev.surge.orders.OrderStatus;
import dev.surge.orders.domain.Address;
import dev.surge.orders.domain.Order;
import dev.surge.orders.domain.OrderLine;
import dev.surge.orders.domain.RefundDue;
import dev.surge.orders.domain.StatusChange;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.persistence.Money;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** SQL of orders, their lines, reservations and history. */
@Repository
public class OrderQueries {

    private static final String COLUMNS = """
            id, number, customer_id, email, status, currency, item_count, subtotal_minor, tax_minor, shipping_minor,
            total_minor, prices_include_tax, tax_rate, shipping_address, billing_address, expires_at, paid_at, paid_minor,
            payment_reference, refunded_minor, carrier, tracking_number, shipped_at, delivered_at, closed_at,
            version, created_at, updated_at,
            EXISTS (SELECT 1 FROM order_refunds_due d WHERE d.order_id = orders.id AND d.settled_at IS NULL) AS refund_due""";

    private final DatabaseClient db;
    private final JsonMapper json;

    OrderQueries(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A new order's head, as checkout writes it. */
    public record NewOrder(UUID id, String number, UUID customerId, String email, byte[] guestTokenHash,
            String idempotencyScope, String idempotencyKey, String currency, int itemCount, long subtotal, long tax,
            long shipping, long total, boolean pricesIncludeTax, BigDecimal taxRate, Address shippingAddress,
            Address billingAddress, Instant expiresAt, Instant createdAt) {
    }

    public Mono<Void> insert(NewOrder o) {
        return db.sql("""
                INSERT INTO orders (id, number, customer_id, email, guest_token_hash, idempotency_scope, idempotency_key,
                    status, currency, item_count, subtotal_minor, tax_minor, shipping_minor, total_minor,
                    prices_include_tax, tax_rate, shipping_address, billing_address, expires_at, created_at, updated_at)
                VALUES (:id, :number, :customer, :email, :token, :scope, :key, 'PENDING_PAYMENT', :currency, :items,
                    :subtotal, :tax, :shipping, :total, :inclusive, :rate, :shipTo, :billTo, :expires, :created, :created)""")
                .bind("id", o.id()).bind("number", o.number())
                .bind("customer", o.customerId() == null ? Parameters.in(UUID.class) : o.customerId())
                .bind("email", o.email() == null ? Parameters.in(String.class) : o.email())
                .bind("token", o.guestTokenHash() == null ? Parameters.in(byte[].class) : o.guestTokenHash())
                .bind("scope", o.idempotencyScope()).bind("key", o.idempotencyKey())
                .bind("currency", o.currency()).bind("items", o.itemCount()).bind("subtotal", o.subtotal())
                .bind("tax", o.tax()).bind("shipping", o.shipping()).bind("total", o.total())
                .bind("inclusive", o.pricesIncludeTax()).bind("rate", o.taxRate())
                .bind("shipTo", Json.of(json.writeValueAsBytes(o.shippingAddress())))
                .bind("billTo", Json.of(json.writeValueAsBytes(o.billingAddress())))
                .bind("expires", utc(o.expiresAt())).bind("created", utc(o.createdAt()))
                .then();
    }

    public Mono<Void> insertLine(UUID orderId, OrderLine line, Instant createdAt) {
        return db.sql("""
                INSERT INTO order_lines (order_id, line_no, variant_id, product_id, merchant_id, sku, product_title,
                    variant_title, quantity, unit_price_minor, line_total_minor, tax_minor, flash_sale_id, created_at)
                VALUES (:order, :no, :variant, :product, :merchant, :sku, :productTitle, :variantTitle, :quantity,
                    :unit, :total, :tax, :sale, :created)""")
                .bind("order", orderId).bind("no", line.lineNo()).bind("variant", line.variantId())
                .bind("product", line.productId()).bind("merchant", line.merchantId()).bind("sku", line.sku())
                .bind("productTitle", line.productTitle()).bind("variantTitle", line.variantTitle())
                .bind("quantity", line.quantity()).bind("unit", line.unitPrice().amountMinor())
                .bind("total", line.lineTotal().amountMinor()).bind("tax", line.tax().amountMinor())
                .bind("sale", line.flashSaleId() == null ? Parameters.in(UUID.class) : line.flashSaleId())
                .bind("created", utc(createdAt))
                .then();
    }

    public Mono<Void> linkReservation(UUID orderId, UUID reservationId) {
        return db.sql("INSERT INTO order_reservations (reservation_id, order_id) VALUES (:r, :o)")
                .bind("r", reservationId).bind("o", orderId).then();
    }

    public Flux<UUID> reservations(UUID orderId) {
        return db.sql("SELECT reservation_id FROM order_reservations WHERE order_id = :o ORDER BY reservation_id")
                .bind("o", orderId).map(row -> row.get("reservation_id", UUID.class)).all();
    }

    public Mono<Void> history(UUID orderId, OrderStatus from, OrderStatus to, UUID actorId, String actorRole,
            String reason, Instant at) {
        return db.sql("""
                INSERT INTO order_status_history (id, order_id, from_status, to_status, actor_id, actor_role, reason, created_at)
                VALUES (:id, :order, :from, :to, :actor, :role, :reason, :at)""")
                .bind("id", Ids.newId()).bind("order", orderId)
                .bind("from", from == null ? Parameters.in(String.class) : from.name()).bind("to", to.name())
                .bind("actor", actorId == null ? Parameters.in(UUID.class) : actorId).bind("role", actorRole)
                .bind("reason", reason == null ? Parameters.in(String.class) : reason)
                .bind("at", utc(at))
                .then();
    }

    public Mono<Order> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id").bind("id", id).map(this::order).one();
    }

    public Mono<Order> findByIdempotencyKey(String scope, String key) {
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE idempotency_scope = :scope AND idempotency_key = :key")
                .bind("scope", scope).bind("key", key).map(this::order).one();
    }

    /** The guest order with this number, email and token hash; empty when any of them does not match. */
    public Mono<Order> findGuestOrder(String number, String email, byte[] tokenHash) {
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE number = :number AND lower(email) = lower(:email) "
                        + "AND guest_token_hash = :hash")
                .bind("number", number).bind("email", email).bind("hash", tokenHash).map(this::order).one();
    }

    /** Whether the order is a guest's placed under this email and token hash. */
    public Mono<Boolean> isGuestOrder(UUID orderId, String email, byte[] tokenHash) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM orders WHERE id = :id AND customer_id IS NULL "
                        + "AND lower(email) = lower(:email) AND guest_token_hash = :hash) AS owned")
                .bind("id", orderId).bind("email", email).bind("hash", tokenHash)
                .map(row -> Boolean.TRUE.equals(row.get("owned", Boolean.class))).one().defaultIfEmpty(false);
    }

    public Mono<Order> withDetails(Order order) {
        Mono<List<OrderLine>> lines = db.sql("""
                SELECT line_no, variant_id, product_id, merchant_id, sku, product_title, variant_title, quantity,
                       unit_price_minor, line_total_minor, tax_minor, flash_sale_id
                FROM order_lines WHERE order_id = :o ORDER BY line_no""")
                .bind("o", order.id()).map(row -> line(row, order.currency())).all().collectList();
        Mono<List<StatusChange>> history = db.sql("""
                SELECT from_status, to_status, actor_id, actor_role, reason, created_at
                FROM order_status_history WHERE order_id = :o ORDER BY created_at, id""")
                .bind("o", order.id())
                .map(row -> new StatusChange(status(row.get("from_status", String.class)),
                        status(row.get("to_status", String.class)), row.get("actor_id", UUID.class),
                        row.get("actor_role", String.class), row.get("reason", String.class),
                        instant(row, "created_at")))
                .all().collectList();
        Mono<List<RefundDue>> due = db.sql("""
                SELECT reason, payment_reference, amount_minor, currency, created_at, settled_at
                FROM order_refunds_due WHERE order_id = :o ORDER BY created_at, id""")
                .bind("o", order.id())
                .map(row -> new RefundDue(row.get("reason", String.class), row.get("payment_reference", String.class),
                        new Money(row.get("amount_minor", Long.class), row.get("currency", String.class).trim()),
                        instant(row, "created_at"), instant(row, "settled_at")))
                .all().collectList();
        return Mono.zip(lines, history, due).map(t -> order.withDetails(t.getT1(), t.getT2(), t.getT3()));
    }

    /** Orders matching the filter, newest first, after {@code afterId} (ids are time-ordered). */
    public Flux<Order> page(Filter filter, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM orders WHERE true");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (filter.customerId() != null) {
            sql.append(" AND customer_id = :customer");
            binds.put("customer", filter.customerId());
        }
        if (!filter.statuses().isEmpty()) {
            sql.append(" AND status IN (:statuses)");
            binds.put("statuses", filter.statuses().stream().map(Enum::name).toList());
        }
        if (filter.email() != null) {
            sql.append(" AND lower(email) = lower(:email)");
            binds.put("email", filter.email());
        }
        if (filter.number() != null) {
            sql.append(" AND number = :number");
            binds.put("number", filter.number());
        }
        if (filter.from() != null) {
            sql.append(" AND created_at >= :from");
            binds.put("from", utc(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND created_at < :to");
            binds.put("to", utc(filter.to()));
        }
        if (filter.refundDue()) {
            sql.append(" AND EXISTS (SELECT 1 FROM order_refunds_due d WHERE d.order_id = orders.id AND d.settled_at IS NULL)");
        }
        if (afterId != null) {
            sql.append(" AND id < :after");
            binds.put("after", afterId);
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        binds.put("limit", limit);
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(this::order).all();
    }

    /** Which orders a list shows; empty statuses: all. */
    public record Filter(UUID customerId, List<OrderStatus> statuses, String email, String number, Instant from,
            Instant to, boolean refundDue) {
    }

    /** A merchant's line of an order, for the seller's view. */
    public record MerchantLine(UUID orderId, String number, OrderStatus status, Instant orderedAt, OrderLine line) {
    }

    /** The merchant's order lines, newest orders first, after the line ({@code afterOrder}, {@code afterLine}). */
    public Flux<MerchantLine> merchantLines(UUID merchantId, List<OrderStatus> statuses, UUID afterOrder, int afterLine,
            int limit) {
        String sql = """
                SELECT o.id AS order_id, o.number, o.status, o.created_at AS ordered_at, o.currency, l.line_no,
                       l.variant_id, l.product_id, l.merchant_id, l.sku, l.product_title, l.variant_title, l.quantity,
                       l.unit_price_minor, l.line_total_minor, l.tax_minor, l.flash_sale_id
                FROM order_lines l JOIN orders o ON o.id = l.order_id
                WHERE l.merchant_id = :merchant
                """ + (statuses.isEmpty() ? "" : " AND o.status IN (:statuses)")
                + (afterOrder == null ? "" : " AND (l.order_id, l.line_no) < (:afterOrder, :afterLine)")
                + " ORDER BY l.order_id DESC, l.line_no DESC LIMIT :limit";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("merchant", merchantId).bind("limit", limit);
        if (!statuses.isEmpty()) {
            spec = spec.bind("statuses", statuses.stream().map(Enum::name).toList());
        }
        if (afterOrder != null) {
            spec = spec.bind("afterOrder", afterOrder).bind("afterLine", afterLine);
        }
        return spec.map(row -> new MerchantLine(row.get("order_id", UUID.class), row.get("number", String.class),
                status(row.get("status", String.class)), instant(row, "ordered_at"),
                line(row, row.get("currency", String.class).trim()))).all();
    }

    /**
     * Moves the order from {@code from} to {@code to} and sets {@code columns} (names from our code only),
     * if it is still at {@code version}; empty when it changed meanwhile.
     */
    public Mono<Order> move(UUID id, OrderStatus from, long version, OrderStatus to, Map<String, Object> columns) {
        StringBuilder sql = new StringBuilder("UPDATE orders SET status = :to, version = version + 1, updated_at = now()");
        columns.keySet().forEach(column -> sql.append(", ").append(column).append(" = :c_").append(column));
        sql.append(" WHERE id = :id AND status = :from AND version = :version RETURNING ").append(COLUMNS);
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("id", id).bind("from", from.name())
                .bind("version", version).bind("to", to.name());
        for (Map.Entry<String, Object> column : columns.entrySet()) {
            Object value = column.getValue() instanceof Instant at ? utc(at) : column.getValue();
            spec = spec.bind("c_" + column.getKey(), value);
        }
        return spec.map(this::order).one();
    }

    /** Records money owed back for a payment (once per payment and reason). */
    public Mono<Void> refundDue(UUID orderId, String reason, String paymentReference, Money amount) {
        return db.sql("""
                INSERT INTO order_refunds_due (id, order_id, reason, payment_reference, amount_minor, currency)
                VALUES (:id, :order, :reason, :reference, :amount, :currency)
                ON CONFLICT (order_id, payment_reference, reason) DO NOTHING""")
                .bind("id", Ids.newId()).bind("order", orderId).bind("reason", reason)
                .bind("reference", paymentReference).bind("amount", amount.amountMinor())
                .bind("currency", amount.currency())
                .then();
    }

    /** Records a refund once per reference; false when this reference was recorded before. */
    public Mono<Boolean> firstRefund(UUID orderId, String refundReference, long amountMinor) {
        return db.sql("INSERT INTO order_refunds (order_id, refund_reference, amount_minor) VALUES (:o, :r, :a) "
                        + "ON CONFLICT DO NOTHING")
                .bind("o", orderId).bind("r", refundReference).bind("a", amountMinor)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /**
     * Counts a refund against what is owed back for one payment; settled once refunds reach the amount.
     * False when nothing was open for that payment.
     */
    public Mono<Boolean> settleDue(UUID orderId, String paymentReference, long amountMinor) {
        return db.sql("""
                UPDATE order_refunds_due SET refunded_minor = refunded_minor + :a,
                    settled_at = CASE WHEN refunded_minor + :a >= amount_minor THEN now() END
                WHERE id = (SELECT id FROM order_refunds_due WHERE order_id = :o AND payment_reference = :p
                            AND settled_at IS NULL ORDER BY created_at, id LIMIT 1)""")
                .bind("o", orderId).bind("p", paymentReference).bind("a", amountMinor)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Adds a refund to a closed (cancelled) paid order, within what was paid; false when it would exceed it. */
    public Mono<Boolean> addRefunded(UUID orderId, long amountMinor) {
        return db.sql("UPDATE orders SET refunded_minor = refunded_minor + :a, version = version + 1, updated_at = now() "
                        + "WHERE id = :o AND refunded_minor + :a <= coalesce(paid_minor, 0)")
                .bind("o", orderId).bind("a", amountMinor)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    public Flux<UUID> due(Instant now, int limit) {
        return db.sql("SELECT id FROM orders WHERE status = 'PENDING_PAYMENT' AND expires_at <= :now "
                        + "ORDER BY expires_at LIMIT :limit")
                .bind("now", utc(now)).bind("limit", limit).map(row -> row.get("id", UUID.class)).all();
    }

    /** Orders whose sold units must go back on hand (cancelled or refunded before shipping) and have not yet. */
    public Flux<UUID> restockDue(int limit) {
        return db.sql("SELECT id FROM orders WHERE stock_to_return AND stock_returned_at IS NULL ORDER BY id LIMIT :limit")
                .bind("limit", limit).map(row -> row.get("id", UUID.class)).all();
    }

    public Mono<Void> stockReturned(UUID id) {
        return db.sql("UPDATE orders SET stock_returned_at = now() WHERE id = :id AND stock_returned_at IS NULL")
                .bind("id", id).then();
    }

    private Order order(Readable row) {
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
                Boolean.TRUE.equals(row.get("refund_due", Boolean.class)), row.get("carrier", String.class),
                row.get("tracking_number", String.class), instant(row, "shipped_at"), instant(row, "delivered_at"),
                instant(row, "closed_at"), row.get("version", Long.class), instant(row, "created_at"),
                instant(row, "updated_at"), List.of(), List.of(), List.of());
    }

    private static OrderLine line(Readable row, String currency) {
        return new OrderLine(row.get("line_no", Integer.class), row.get("variant_id", UUID.class),
                row.get("product_id", UUID.class), row.get("merchant_id", UUID.class), row.get("sku", String.class),
                row.get("product_title", String.class), row.get("variant_title", String.class),
                row.get("quantity", Integer.class), money(row, "unit_price_minor", currency),
                money(row, "line_total_minor", currency), money(row, "tax_minor", currency),
                row.get("flash_sale_id", UUID.class));
    }

    private Address address(Readable row, String column) {
        Json value = row.get(column, Json.class);
        return value == null ? null : json.readValue(value.asArray(), Address.class);
    }

    private static Money money(Readable row, String column, String currency) {
        return new Money(row.get(column, Long.class), currency);
    }

    private static OrderStatus status(String name) {
        return name == null ? null : OrderStatus.valueOf(name);
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime at = row.get(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

}
