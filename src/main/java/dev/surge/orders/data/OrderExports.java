package dev.surge.orders.data;

import static dev.surge.orders.data.OrderRows.instant;

import dev.surge.orders.domain.OrderExportLine;
import dev.surge.orders.domain.OrderReads;
import io.r2dbc.spi.Readable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/**
 * The order export's one query: every line of every order matching the filter, newest order first, streamed.
 * With a fetch size the driver reads the result through a portal, {@value #FETCH_SIZE} rows per round trip as
 * the subscriber asks for them, so a million-row export never holds more than a few batches in memory.
 */
@Repository
public class OrderExports {

    static final int FETCH_SIZE = 500;

    private final DatabaseClient db;

    OrderExports(DatabaseClient db) {
        this.db = db;
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
        return OrderFilterSql.bind(db.sql(sql.toString()), binds)
                .filter(statement -> statement.fetchSize(FETCH_SIZE))
                .map(OrderExports::line).all();
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
        return OrderFilterSql.bind(db.sql(sql.toString()), binds)
                .filter(statement -> statement.fetchSize(FETCH_SIZE))
                .map(OrderExports::line).all();
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
