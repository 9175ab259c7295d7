package dev.surge.orders.data;

import static dev.surge.orders.data.OrderRows.utc;

import dev.surge.orders.domain.OrderReads;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The WHERE conditions of an order filter, shared by the order list and the order export so that both mean the
 * same orders. Columns are qualified with {@code orders.} (the export joins the order lines).
 */
final class OrderFilterSql {

    private OrderFilterSql() {
    }

    /** Appends {@code AND ...} for each filter set, and its value to {@code binds}. */
    static void append(OrderReads.Filter filter, StringBuilder sql, Map<String, Object> binds) {
        if (filter.customerId() != null) {
            sql.append(" AND orders.customer_id = :customer");
            binds.put("customer", filter.customerId());
        }
        if (!filter.statuses().isEmpty()) {
            sql.append(" AND orders.status IN (:statuses)");
            binds.put("statuses", filter.statuses().stream().map(Enum::name).toList());
        }
        if (filter.email() != null) {
            sql.append(" AND lower(orders.email) = lower(:email)");
            binds.put("email", filter.email());
        }
        if (filter.number() != null) {
            sql.append(" AND orders.number = :number");
            binds.put("number", filter.number());
        }
        if (filter.from() != null) {
            sql.append(" AND orders.created_at >= :from");
            binds.put("from", utc(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND orders.created_at < :to");
            binds.put("to", utc(filter.to()));
        }
        if (filter.refundDue()) {
            sql.append(" AND EXISTS (SELECT 1 FROM order_refunds_due d WHERE d.order_id = orders.id AND d.settled_at IS NULL)");
        }
    }

    static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, Map<String, Object> binds) {
        DatabaseClient.GenericExecuteSpec bound = spec;
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            bound = bound.bind(bind.getKey(), bind.getValue());
        }
        return bound;
    }
}
