package dev.surge.orders.data;

import static dev.surge.orders.data.OrderRows.COLUMNS;
import static dev.surge.orders.data.OrderRows.instant;
import static dev.surge.orders.data.OrderRows.status;
import static dev.surge.orders.data.OrderRows.utc;

import dev.surge.orders.OrderStatus;
import dev.surge.orders.domain.Address;
import dev.surge.orders.domain.Order;
import dev.surge.orders.domain.OrderLine;
import dev.surge.orders.domain.RefundDue;
import dev.surge.orders.domain.StatusChange;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.persistence.Money;
import io.r2dbc.spi.Parameters;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL of orders, their lines, reservations and history (lists: {@link OrderLists}; refunds: {@link RefundQueries}). */
@Repository
public class OrderQueries {

    private final DatabaseClient db;
    private final OrderRows rows;

    OrderQueries(DatabaseClient db, OrderRows rows) {
        this.db = db;
        this.rows = rows;
    }

    /** A new order's head, as checkout writes it. */
    public record NewOrder(UUID id, String number, UUID customerId, String email, byte[] guestTokenHash,
            String idempotencyScope, String idempotencyKey, String currency, int itemCount, long subtotal, long tax,
            long shipping, long total, boolean pricesIncludeTax, BigDecimal taxRate, Address shippingAddress,
            Address billingAddress, Instant expiresAt, Instant createdAt, long discount, String couponCode) {
    }

    /**
     * A new order with its lines, its reservations and its first history entry, in one statement; answers the order
     * as {@link #find} would read it. A key or reservation already taken fails it whole ({@code orders_idempotency},
     * {@code order_reservations_pkey}).
     */
    public Mono<Order> insert(NewOrder o, List<OrderLine> lines, List<UUID> reservations, StatusChange placed) {
        return db.sql("""
                WITH o AS (
                    INSERT INTO orders (id, number, customer_id, email, guest_token_hash, idempotency_scope,
                        idempotency_key, status, currency, item_count, subtotal_minor, tax_minor, shipping_minor,
                        total_minor, prices_include_tax, tax_rate, shipping_address, billing_address, expires_at,
                        created_at, updated_at, discount_minor, coupon_code)
                    VALUES (:id, :number, :customer, :email, :token, :scope, :key, 'PENDING_PAYMENT', :currency, :items,
                        :subtotal, :tax, :shipping, :total, :inclusive, :rate, :shipTo, :billTo, :expires, :created,
                        :created, :discount, :coupon)
                    RETURNING""" + " " + COLUMNS + """
                ),
                l AS (
                    INSERT INTO order_lines (order_id, line_no, variant_id, product_id, merchant_id, sku, product_title,
                        variant_title, quantity, unit_price_minor, line_total_minor, tax_minor, flash_sale_id,
                        created_at, discount_minor)
                    SELECT :id, x.line_no, x.variant_id, x.product_id, x.merchant_id, x.sku, x.product_title,
                        x.variant_title, x.quantity, x.unit_price_minor, x.line_total_minor, x.tax_minor,
                        x.flash_sale_id, :created, x.discount_minor
                    FROM jsonb_to_recordset(:lines) AS x(line_no int, variant_id uuid, product_id uuid,
                        merchant_id uuid, sku text, product_title text, variant_title text, quantity int,
                        unit_price_minor bigint, line_total_minor bigint, tax_minor bigint, flash_sale_id uuid,
                        discount_minor bigint)),
                r AS (
                    INSERT INTO order_reservations (reservation_id, order_id)
                    SELECT reservation_id, :id FROM unnest(string_to_array(:reservations, ',')::uuid[]) AS reservation_id),
                h AS (
                    INSERT INTO order_status_history (id, order_id, from_status, to_status, actor_id, actor_role,
                        reason, created_at)
                    VALUES (:historyId, :id, NULL, :to, :actor, :role, :reason, :at))
                SELECT * FROM o""")
                .bind("id", o.id()).bind("number", o.number())
                .bind("customer", o.customerId() == null ? Parameters.in(UUID.class) : o.customerId())
                .bind("email", o.email() == null ? Parameters.in(String.class) : o.email())
                .bind("token", o.guestTokenHash() == null ? Parameters.in(byte[].class) : o.guestTokenHash())
                .bind("scope", o.idempotencyScope()).bind("key", o.idempotencyKey())
                .bind("currency", o.currency()).bind("items", o.itemCount()).bind("subtotal", o.subtotal())
                .bind("tax", o.tax()).bind("shipping", o.shipping()).bind("total", o.total())
                .bind("inclusive", o.pricesIncludeTax()).bind("rate", o.taxRate())
                .bind("shipTo", rows.json(o.shippingAddress()))
                .bind("billTo", rows.json(o.billingAddress()))
                .bind("expires", utc(o.expiresAt())).bind("created", utc(o.createdAt()))
                .bind("discount", o.discount())
                .bind("coupon", o.couponCode() == null ? Parameters.in(String.class) : o.couponCode())
                .bind("lines", rows.json(lines))
                .bind("reservations", String.join(",", reservations.stream().map(UUID::toString).toList()))
                .bind("historyId", Ids.newId()).bind("to", placed.to().name())
                .bind("actor", placed.actorId() == null ? Parameters.in(UUID.class) : placed.actorId())
                .bind("role", placed.actorRole())
                .bind("reason", placed.reason() == null ? Parameters.in(String.class) : placed.reason())
                .bind("at", utc(placed.at()))
                .map(rows::order).one();
    }

    public Flux<UUID> reservations(UUID orderId) {
        return db.sql("SELECT reservation_id FROM order_reservations WHERE order_id = :o ORDER BY reservation_id")
                .bind("o", orderId).map(row -> row.get("reservation_id", UUID.class)).all();
    }

    /** Appends an entry to the order's history. */
    public Mono<Void> history(UUID orderId, StatusChange change) {
        return db.sql("""
                INSERT INTO order_status_history (id, order_id, from_status, to_status, actor_id, actor_role, reason, created_at)
                VALUES (:id, :order, :from, :to, :actor, :role, :reason, :at)""")
                .bind("id", Ids.newId()).bind("order", orderId)
                .bind("from", change.from() == null ? Parameters.in(String.class) : change.from().name())
                .bind("to", change.to().name())
                .bind("actor", change.actorId() == null ? Parameters.in(UUID.class) : change.actorId())
                .bind("role", change.actorRole())
                .bind("reason", change.reason() == null ? Parameters.in(String.class) : change.reason())
                .bind("at", utc(change.at()))
                .then();
    }

    public Mono<Order> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id").bind("id", id).map(rows::order).one();
    }

    public Mono<Order> findByIdempotencyKey(String scope, String key) {
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE idempotency_scope = :scope AND idempotency_key = :key")
                .bind("scope", scope).bind("key", key).map(rows::order).one();
    }

    /** The guest order with this number, email and token hash; empty when any of them does not match. */
    public Mono<Order> findGuestOrder(String number, String email, byte[] tokenHash) {
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE number = :number AND lower(email) = lower(:email) "
                        + "AND guest_token_hash = :hash")
                .bind("number", number).bind("email", email).bind("hash", tokenHash).map(rows::order).one();
    }

    /** Whether the order is a guest's placed under this email and token hash. */
    public Mono<Boolean> isGuestOrder(UUID orderId, String email, byte[] tokenHash) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM orders WHERE id = :id AND customer_id IS NULL "
                        + "AND lower(email) = lower(:email) AND guest_token_hash = :hash) AS owned")
                .bind("id", orderId).bind("email", email).bind("hash", tokenHash)
                .map(row -> Boolean.TRUE.equals(row.get("owned", Boolean.class))).one().defaultIfEmpty(false);
    }

    /**
     * Whether an order of the customer with a line of the product was delivered (a later refund does not undo
     * that the buyer received it).
     */
    public Mono<Boolean> deliveredTo(UUID customerId, UUID productId) {
        return db.sql("""
                SELECT EXISTS (SELECT 1 FROM order_lines l JOIN orders o ON o.id = l.order_id
                               WHERE l.product_id = :product AND o.customer_id = :customer
                                 AND o.delivered_at IS NOT NULL) AS delivered""")
                .bind("product", productId).bind("customer", customerId)
                .map(row -> Boolean.TRUE.equals(row.get("delivered", Boolean.class))).one().defaultIfEmpty(false);
    }

    /** An order with its lines, history and refunds due, and the names of its lines' merchants. */
    public record Detailed(Order order, Map<UUID, String> merchantNames) {
    }

    /** The order with all its details ({@link #withDetails}, {@link #merchantNames}) in one statement. */
    public Mono<Detailed> detailed(UUID id) {
        return db.sql("SELECT " + COLUMNS + ", " + OrderRows.DETAILS + " FROM orders WHERE id = :id")
                .bind("id", id).map(row -> new Detailed(rows.detailed(row), rows.merchantNames(row))).one();
    }

    /** {@link #detailed(UUID)} of several orders, in one statement. */
    public Flux<Detailed> detailed(Collection<UUID> ids) {
        return db.sql("SELECT " + COLUMNS + ", " + OrderRows.DETAILS + " FROM orders WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new)).map(row -> new Detailed(rows.detailed(row), rows.merchantNames(row)))
                .all();
    }

    public Mono<Order> withDetails(Order order) {
        Mono<List<OrderLine>> lines = db.sql("""
                SELECT line_no, variant_id, product_id, merchant_id, sku, product_title, variant_title, quantity,
                       unit_price_minor, line_total_minor, tax_minor, flash_sale_id, discount_minor
                FROM order_lines WHERE order_id = :o ORDER BY line_no""")
                .bind("o", order.id()).map(row -> OrderRows.line(row, order.currency())).all().collectList();
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
            // A null clears a timestamp column (closed_at of an order a failed refund re-opens).
            spec = value == null ? spec.bindNull("c_" + column.getKey(), Instant.class)
                    : spec.bind("c_" + column.getKey(), value);
        }
        return spec.map(rows::order).one();
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

    /** Sets the order's dispute mark (OPEN, WON, LOST); a LOST one is kept. Not a status move: no version change. */
    public Mono<Void> markDisputed(UUID id, String dispute) {
        return db.sql("UPDATE orders SET dispute = :d, updated_at = now() WHERE id = :id AND dispute IS DISTINCT FROM 'LOST'")
                .bind("id", id).bind("d", dispute).then();
    }
}
