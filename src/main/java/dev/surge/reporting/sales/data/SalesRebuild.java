package dev.surge.reporting.sales.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Recomputes the sales read models from the orders' own tables, in one transaction ({@value #SCRIPT}): the facts
 * with the same rules as {@code SalesFacts} (the first line's merchant takes shipping, its discount, tax rounding
 * and the refund remainder), then every bucket from the facts.
 * <p>
 * Why SQL on the orders' tables here, and not {@code OrdersApi}: a rebuild reads every paid order there is (a million
 * in the seeded store), which one aggregate query does in seconds and a call per order (plus the catalog per line)
 * would take an hour; and only the tables hold the line's product as sold. The read is confined to this class, the
 * only place in the module that names another module's table (the consumers go through {@code OrdersApi}), and it
 * only reads. The reports' tests check that both ways give the same figures.
 */
@Component
public class SalesRebuild {

    static final String SALES_UPSERT = """
            ON CONFLICT (merchant_id, currency, day) DO UPDATE SET orders = report_sales_daily.orders + excluded.orders,
                units = report_sales_daily.units + excluded.units,
                gross_minor = report_sales_daily.gross_minor + excluded.gross_minor,
                discount_minor = report_sales_daily.discount_minor + excluded.discount_minor,
                tax_minor = report_sales_daily.tax_minor + excluded.tax_minor,
                shipping_minor = report_sales_daily.shipping_minor + excluded.shipping_minor,
                refunded_minor = report_sales_daily.refunded_minor + excluded.refunded_minor,
                total_minor = report_sales_daily.total_minor + excluded.total_minor""";

    static final String PRODUCTS_UPSERT = """
            ON CONFLICT (product_id, currency, day) DO UPDATE SET orders = report_product_daily.orders + excluded.orders,
                units = report_product_daily.units + excluded.units,
                gross_minor = report_product_daily.gross_minor + excluded.gross_minor,
                revenue_minor = report_product_daily.revenue_minor + excluded.revenue_minor""";

    /** The rebuild's statements, read once at start-up from {@value #SCRIPT} (also run by the seeding script). */
    static final String SCRIPT = "reporting/sales-rebuild.sql";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final List<String> statements;

    SalesRebuild(DatabaseClient db, TransactionalOperator tx) throws IOException {
        this.db = db;
        this.tx = tx;
        String script = new ClassPathResource(SCRIPT).getContentAsString(StandardCharsets.UTF_8);
        this.statements = Arrays.stream(script.replaceAll("(?m)^--.*$", "").split(";\\s*\\n"))
                .map(String::strip).filter(statement -> !statement.isEmpty()).toList();
    }

    /** Replaces every sales read model with what the orders say now; emits the number of paid orders. */
    public Mono<Long> rebuild() {
        return Flux.fromIterable(statements)
                .concatMap(sql -> db.sql(sql).fetch().rowsUpdated())
                .then(db.sql("SELECT count(*) AS n FROM report_order_facts WHERE merchant_id = "
                        + "'00000000-0000-0000-0000-000000000000'").map(row -> row.get("n", Long.class)).one())
                .as(tx::transactional);
    }
}
