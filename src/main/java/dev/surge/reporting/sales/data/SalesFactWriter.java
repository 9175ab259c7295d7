package dev.surge.reporting.sales.data;

import dev.surge.reporting.sales.domain.SalesFacts;
import dev.surge.reporting.sales.domain.SalesFacts.OrderFact;
import dev.surge.reporting.sales.domain.SalesFacts.ProductFact;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Puts one order's facts in place of those it had and moves the daily buckets by the difference: the old facts are
 * taken out of their buckets and deleted, the new ones written and added. Writing the same facts twice changes
 * nothing, whichever events carried them and in whatever order. The caller holds a transaction; the order's
 * advisory lock makes two consumers of the same order take turns.
 */
@Component
public class SalesFactWriter {

    private static final String SALES_COLUMNS = "units, gross_minor, discount_minor, tax_minor, shipping_minor, "
            + "refunded_minor, total_minor";

    private final DatabaseClient db;

    SalesFactWriter(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> replace(UUID orderId, SalesFacts facts) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtextextended(:id, 7351))").bind("id", orderId.toString())
                .then()
                .then(withdraw(orderId))
                .thenMany(Flux.fromIterable(facts.orders()).concatMap(this::insert))
                .thenMany(Flux.fromIterable(facts.products()).concatMap(this::insert))
                .then(deposit(orderId));
    }

    /** Counts a checkout once per order (a repeat of its event finds it counted); emits whether it was new. */
    public Mono<Boolean> checkout(UUID orderId, String currency, java.time.LocalDate day, UUID customerId) {
        var spec = db.sql("INSERT INTO report_checkouts (order_id, currency, day, customer_id) "
                        + "VALUES (:order, :currency, :day, :customer) ON CONFLICT DO NOTHING")
                .bind("order", orderId).bind("currency", currency).bind("day", day);
        return (customerId == null ? spec.bindNull("customer", UUID.class) : spec.bind("customer", customerId))
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 0 ? Mono.just(false) : db.sql("""
                        INSERT INTO report_checkouts_daily (currency, day, checkouts) VALUES (:currency, :day, 1)
                        ON CONFLICT (currency, day) DO UPDATE SET checkouts = report_checkouts_daily.checkouts + 1""")
                        .bind("currency", currency).bind("day", day).then().thenReturn(true));
    }

    private Mono<Void> withdraw(UUID orderId) {
        return db.sql("""
                UPDATE report_sales_daily d SET orders = d.orders - 1, units = d.units - f.units,
                    gross_minor = d.gross_minor - f.gross_minor, discount_minor = d.discount_minor - f.discount_minor,
                    tax_minor = d.tax_minor - f.tax_minor, shipping_minor = d.shipping_minor - f.shipping_minor,
                    refunded_minor = d.refunded_minor - f.refunded_minor, total_minor = d.total_minor - f.total_minor
                FROM report_order_facts f
                WHERE f.order_id = :id AND d.merchant_id = f.merchant_id AND d.currency = f.currency AND d.day = f.day""")
                .bind("id", orderId).then()
                .then(db.sql("""
                        UPDATE report_product_daily d SET orders = d.orders - 1, units = d.units - f.units,
                            gross_minor = d.gross_minor - f.gross_minor, revenue_minor = d.revenue_minor - f.revenue_minor
                        FROM report_product_facts f
                        WHERE f.order_id = :id AND d.product_id = f.product_id AND d.currency = f.currency
                            AND d.day = f.day""").bind("id", orderId).then())
                .then(db.sql("DELETE FROM report_order_facts WHERE order_id = :id").bind("id", orderId).then())
                .then(db.sql("DELETE FROM report_product_facts WHERE order_id = :id").bind("id", orderId).then());
    }

    private Mono<Void> deposit(UUID orderId) {
        return db.sql("INSERT INTO report_sales_daily (merchant_id, currency, day, orders, " + SALES_COLUMNS + ") "
                        + "SELECT merchant_id, currency, day, 1, " + SALES_COLUMNS
                        + " FROM report_order_facts WHERE order_id = :id " + SalesRebuild.SALES_UPSERT)
                .bind("id", orderId).then()
                .then(db.sql("INSERT INTO report_product_daily (product_id, currency, day, merchant_id, orders, units, "
                                + "gross_minor, revenue_minor) SELECT product_id, currency, day, merchant_id, 1, units, "
                                + "gross_minor, revenue_minor FROM report_product_facts WHERE order_id = :id "
                                + SalesRebuild.PRODUCTS_UPSERT)
                        .bind("id", orderId).then());
    }

    private Mono<Void> insert(OrderFact f) {
        SalesFacts.Amounts a = f.amounts();
        var spec = db.sql("INSERT INTO report_order_facts (order_id, merchant_id, currency, day, customer_id, "
                        + SALES_COLUMNS + ") VALUES (:order, :merchant, :currency, :day, :customer, :units, :gross, "
                        + ":discount, :tax, :shipping, :refunded, :total)")
                .bind("order", f.orderId()).bind("merchant", f.merchantId()).bind("currency", f.currency())
                .bind("day", f.day())
                .bind("units", a.units()).bind("gross", a.gross()).bind("discount", a.discount())
                .bind("tax", a.tax()).bind("shipping", a.shipping()).bind("refunded", a.refunded())
                .bind("total", a.total());
        return (f.customerId() == null ? spec.bindNull("customer", UUID.class) : spec.bind("customer", f.customerId()))
                .then();
    }

    private Mono<Void> insert(ProductFact f) {
        SalesFacts.ProductSales s = f.sales();
        var product = db.sql("""
                INSERT INTO report_products (product_id, merchant_id, title, category_id)
                VALUES (:product, :merchant, :title, :category)
                ON CONFLICT (product_id) DO UPDATE SET title = excluded.title, category_id = excluded.category_id""")
                .bind("product", f.productId()).bind("merchant", f.merchantId()).bind("title", s.title());
        product = s.categoryId() == null ? product.bindNull("category", UUID.class) : product.bind("category", s.categoryId());
        return product.then().then(db.sql("""
                INSERT INTO report_product_facts (order_id, product_id, merchant_id, currency, day, units, gross_minor,
                    revenue_minor) VALUES (:order, :product, :merchant, :currency, :day, :units, :gross, :revenue)""")
                .bind("order", f.orderId()).bind("product", f.productId()).bind("merchant", f.merchantId())
                .bind("currency", f.currency()).bind("day", f.day()).bind("units", s.units())
                .bind("gross", s.gross()).bind("revenue", s.revenue()).then());
    }
}
