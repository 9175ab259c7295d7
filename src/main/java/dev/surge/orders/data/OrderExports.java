package dev.surge.orders.data;

import static dev.surge.orders.data.OrderRows.instant;

import dev.surge.orders.domain.OrderExportLine;
import dev.surge.orders.domain.OrderReads;
import io.r2dbc.spi.Readable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import dev.surge.orders.config.OrdersProperties;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Flux;
import reactor.util.context.Context;

/**
 * The order export's one query: every line of every order matching the filter, newest order first, streamed.
 * With a fetch size the driver reads the result through a portal, {@value #FETCH_SIZE} rows per round trip as
 * the subscriber asks for them, so a million-row export never holds more than a few batches in memory.
 * <p>
 * The query runs in a read-only transaction of its own whose {@code statement_timeout} is
 * {@code surge.orders.export-timeout} (1 h): every other statement keeps the pool's 10 s, which cut a
 * million-order export off after its first 68,000 lines. Each round trip waits for the client's demand, so the
 * batches are large: at 500 rows a batch the database sat waiting for the next request two thirds of the time.
 */
@Repository
public class OrderExports {

    static final int FETCH_SIZE = 5_000;

    private final DatabaseClient db;
    private final TransactionalOperator readOnly;
    private final String timeout;

    OrderExports(DatabaseClient db, ReactiveTransactionManager transactions, OrdersProperties properties) {
        this.db = db;
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setReadOnly(true);
        this.readOnly = TransactionalOperator.create(transactions, definition);
        this.timeout = "SET LOCAL statement_timeout = " + Math.max(1, properties.exportTimeout().toMillis());
    }

    /**
     * {@code query}'s rows in a read-only transaction whose statements may run for the export timeout.
     * <p>
     * Subscribed without the request's Reactor context: the driver passes every message of the result through
     * {@code handle} operators, and with {@code spring.reactor.context-propagation: limited} each of those calls
     * restores every thread local the context carries (the request's observation scope, trace context and MDC),
     * which was a tenth of a million-row export's CPU. The request's own observation still times the export.
     */
    private Flux<OrderExportLine> streamed(DatabaseClient.GenericExecuteSpec query) {
        return readOnly.execute(status -> db.sql(timeout).then()
                        .thenMany(query.filter(statement -> statement.fetchSize(FETCH_SIZE)).map(OrderExports::line).all()))
                .contextWrite(context -> Context.empty());
    }

    public Flux<OrderExportLine> lines(OrderReads.Filter filter) {
        StringBuilder sql = new StringBuilder("""
                SELECT orders.number, orders.id, orders.created_at AS placed_at, orders.status, orders.customer_id,
                       orders.email, orders.currency, orders.subtotal_minor, orders.tax_minor AS order_tax_minor,
                       orders.shipping_minor, orders.total_minor, orders.refunded_minor,
                       l.line_no, l.merchant_id, l.sku, l.product_title, l.variant_title, l.quantity,
                       l.unit_price_minor, l.line_total_minor, l.tax_minor AS line_tax_minor
                FROM orders JOIN order_lines l ON l.order_id = orders.id
                WHERE true""");
        Map<String, Object> binds = new LinkedHashMap<>();
        OrderFilterSql.append(filter, sql, binds);
        sql.append(" ORDER BY orders.id DESC, l.line_no");
        return streamed(OrderFilterSql.bind(db.sql(sql.toString()), binds));
    }

    /**
     * Every line of {@code merchantId} in the orders matching the filter, newest order first, streamed like
     * {@link #lines}; along the merchant's index of its lines.
     */
    public Flux<OrderExportLine> merchantLines(UUID merchantId, OrderReads.Filter filter) {
        StringBuilder sql = new StringBuilder("""
                SELECT orders.number, orders.id, orders.created_at AS placed_at, orders.status, orders.customer_id,
                       orders.email, orders.currency, orders.subtotal_minor, orders.tax_minor AS order_tax_minor,
                       orders.shipping_minor, orders.total_minor, orders.refunded_minor,
                       l.line_no, l.merchant_id, l.sku, l.product_title, l.variant_title, l.quantity,
                       l.unit_price_minor, l.line_total_minor, l.tax_minor AS line_tax_minor
                FROM order_lines l JOIN orders ON orders.id = l.order_id
                WHERE l.merchant_id = :merchant""");
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("merchant", merchantId);
        OrderFilterSql.append(filter, sql, binds);
        sql.append(" ORDER BY l.merchant_id DESC, l.order_id DESC, l.line_no DESC");
        return streamed(OrderFilterSql.bind(db.sql(sql.toString()), binds));
    }

    private static OrderExportLine line(Readable row) {
        return new OrderExportLine(row.get("number", String.class), row.get("id", UUID.class), instant(row, "placed_at"),
                row.get("status", String.class), row.get("customer_id", UUID.class), row.get("email", String.class),
                row.get("currency", String.class).trim(), row.get("line_no", Integer.class),
                row.get("merchant_id", UUID.class), row.get("sku", String.class), row.get("product_title", String.class),
                row.get("variant_title", String.class), row.get("quantity", Integer.class),
                row.get("unit_price_minor", Long.class), row.get("line_total_minor", Long.class),
                row.get("line_tax_minor", Long.class),
                new OrderExportLine.Totals(row.get("subtotal_minor", Long.class), row.get("order_tax_minor", Long.class),
                        row.get("shipping_minor", Long.class), row.get("total_minor", Long.class),
                        row.get("refunded_minor", Long.class)));
    }
}
