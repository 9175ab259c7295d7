package dev.surge.orders.data;

import static dev.surge.orders.data.OrderRows.COLUMNS;
import static dev.surge.orders.data.OrderRows.instant;
import static dev.surge.orders.data.OrderRows.status;

import dev.surge.orders.OrderStatus;
import dev.surge.orders.domain.MerchantLine;
import dev.surge.orders.domain.Order;
import dev.surge.orders.domain.OrderReads;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** SQL of order lists: orders by filter (customers, staff) and a merchant's order lines (sellers). */
@Repository
public class OrderLists {

    private final DatabaseClient db;
    private final OrderRows rows;

    OrderLists(DatabaseClient db, OrderRows rows) {
        this.db = db;
        this.rows = rows;
    }

    /** Orders matching the filter, newest first, after {@code afterId} (ids are time-ordered). */
    public Flux<Order> page(OrderReads.Filter filter, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM orders WHERE true");
        Map<String, Object> binds = new LinkedHashMap<>();
        OrderFilterSql.append(filter, sql, binds);
        if (afterId != null) {
            sql.append(" AND id < :after");
            binds.put("after", afterId);
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        binds.put("limit", limit);
        return OrderFilterSql.bind(db.sql(sql.toString()), binds).map(rows::order).all();
    }

    /** The merchant's order lines, newest orders first, after the line ({@code afterOrder}, {@code afterLine}). */
    public Flux<MerchantLine> merchantLines(UUID merchantId, List<OrderStatus> statuses, UUID afterOrder, int afterLine,
            int limit) {
        String sql = """
                SELECT o.id AS order_id, o.number, o.status, o.created_at AS ordered_at, o.currency, l.line_no,
                       l.variant_id, l.product_id, l.merchant_id, l.sku, l.product_title, l.variant_title, l.quantity,
                       l.unit_price_minor, l.line_total_minor, l.tax_minor, l.flash_sale_id, l.discount_minor
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
                OrderRows.line(row, row.get("currency", String.class).trim()))).all();
    }
}
