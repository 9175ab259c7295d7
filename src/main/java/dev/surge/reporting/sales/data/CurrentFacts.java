package dev.surge.reporting.sales.data;

import dev.surge.reporting.sales.domain.SalesFacts;
import dev.surge.reporting.sales.domain.SalesFacts.OrderFact;
import dev.surge.reporting.sales.domain.SalesFacts.ProductFact;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The sales facts an order has in the read models now, read back so that {@link SalesFactWriter} writes only when
 * they change.
 */
final class CurrentFacts {

    private final DatabaseClient db;

    CurrentFacts(DatabaseClient db) {
        this.db = db;
    }

    /** The facts an order has now, as {@link SalesFacts} would give them (products with their title and category). */
    record Current(Set<OrderFact> orders, Set<ProductFact> products) {

        boolean isEmpty() {
            return orders.isEmpty() && products.isEmpty();
        }

        boolean sameAs(SalesFacts facts) {
            return orders.size() == facts.orders().size() && products.size() == facts.products().size()
                    && orders.equals(new HashSet<>(facts.orders())) && products.equals(new HashSet<>(facts.products()));
        }
    }

    /** The order's facts, in one statement; the caller holds the order's lock. */
    Mono<Current> read(UUID orderId) {
        return db.sql("""
                SELECT 'order' AS kind, merchant_id, currency, day, customer_id, units, gross_minor, discount_minor,
                    tax_minor, shipping_minor, refunded_minor, total_minor,
                    NULL::uuid AS product_id, NULL::bigint AS revenue_minor, NULL::text AS title, NULL::uuid AS category_id
                FROM report_order_facts WHERE order_id = :id
                UNION ALL
                SELECT 'product', f.merchant_id, f.currency, f.day, NULL, f.units, f.gross_minor, NULL, NULL, NULL, NULL,
                    NULL, f.product_id, f.revenue_minor, p.title, p.category_id
                FROM report_product_facts f LEFT JOIN report_products p ON p.product_id = f.product_id
                WHERE f.order_id = :id""")
                .bind("id", orderId)
                .map(row -> {
                    UUID merchant = row.get("merchant_id", UUID.class);
                    String currency = row.get("currency", String.class);
                    LocalDate day = row.get("day", LocalDate.class);
                    long units = row.get("units", Long.class);
                    long gross = row.get("gross_minor", Long.class);
                    if ("order".equals(row.get("kind", String.class))) {
                        return (Object) new OrderFact(orderId, merchant, currency, day, row.get("customer_id", UUID.class),
                                new SalesFacts.Amounts(units, gross, row.get("discount_minor", Long.class),
                                        row.get("tax_minor", Long.class), row.get("shipping_minor", Long.class),
                                        row.get("refunded_minor", Long.class), row.get("total_minor", Long.class)));
                    }
                    return new ProductFact(orderId, row.get("product_id", UUID.class), merchant, currency, day,
                            new SalesFacts.ProductSales(units, gross, row.get("revenue_minor", Long.class),
                                    row.get("title", String.class), row.get("category_id", UUID.class)));
                })
                .all()
                .collect(() -> new Current(new HashSet<>(), new HashSet<>()), (current, fact) -> {
                    if (fact instanceof OrderFact order) {
                        current.orders().add(order);
                    } else {
                        current.products().add((ProductFact) fact);
                    }
                });
    }
}
