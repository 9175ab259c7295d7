package dev.surge.reporting.sales.web;

import dev.surge.platform.web.Csv;
import dev.surge.reporting.sales.domain.SalesFigures;
import dev.surge.reporting.sales.domain.SalesQuery;
import dev.surge.reporting.sales.domain.SalesReports.SalesReport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The reports as JSON bodies (money in minor units) and as CSV lines (money in major units, text formula-safe). */
final class SalesViews {

    static final List<String> SALES_COLUMNS = List.of("period", "currency", "orders", "units", "gross", "discounts",
            "tax", "shipping", "refunds", "total", "net", "average_order_value");
    static final List<String> MERCHANT_COLUMNS = List.of("merchant_id", "currency", "orders", "units", "gross",
            "discounts", "tax", "shipping", "refunds", "total", "net", "average_order_value");
    static final List<String> PRODUCT_COLUMNS = List.of("product_id", "title", "category_id", "merchant_id", "currency",
            "orders", "units", "gross", "revenue");
    static final List<String> CATEGORY_COLUMNS = List.of("category_id", "currency", "orders", "units", "gross",
            "revenue");
    static final List<String> CUSTOMER_COLUMNS = List.of("period", "orders", "signed_in_orders", "guest_orders",
            "customers", "new_customers", "returning_customers", "repeat_rate");

    static final List<String> CONVERSION_COLUMNS = List.of("period", "currency", "checkouts", "paid", "rate");

    private SalesViews() {
    }

    /** What the report covers, as asked (the merchant is the one it was narrowed to). */
    record Range(LocalDate from, LocalDate to, String interval, UUID merchantId, String currency) {
        static Range of(SalesQuery q) {
            return new Range(q.from(), q.to(), q.interval().toString(), q.merchantId(), q.currency());
        }
    }

    /** One interval's (or, in {@code totals}, the range's) figures in one currency. */
    record Figures(LocalDate period, String currency, long orders, long units, long grossMinor, long discountsMinor,
            long taxMinor, long shippingMinor, long refundsMinor, long totalMinor, long netMinor,
            long averageOrderValueMinor) {
        static Figures of(SalesFigures.Period p) {
            SalesFigures.Totals t = p.totals();
            return new Figures(p.period(), p.currency(), t.orders(), t.units(), t.gross(), t.discounts(), t.tax(),
                    t.shipping(), t.refunds(), t.total(), t.net(), t.averageOrderValue());
        }
    }

    record SalesBody(Range range, List<Figures> periods, List<Figures> totals) {
        static SalesBody of(SalesReport report) {
            return new SalesBody(Range.of(report.query()), report.periods().stream().map(Figures::of).toList(),
                    report.totals().stream().map(Figures::of).toList());
        }
    }

    record MerchantFigures(UUID merchantId, Figures figures) {
    }

    record ItemsBody<T>(Range range, List<T> items) {
    }

    static String salesLine(SalesFigures.Period p) {
        List<String> cells = new ArrayList<>();
        cells.add(Objects.toString(p.period(), "total"));
        cells.add(p.currency());
        cells.addAll(money(p.currency(), p.totals()));
        return Csv.line(cells);
    }

    static String merchantLine(SalesFigures.Merchant m) {
        List<String> cells = new ArrayList<>();
        cells.add(m.merchantId().toString());
        cells.add(m.currency());
        cells.addAll(money(m.currency(), m.totals()));
        return Csv.line(cells);
    }

    static String productLine(SalesFigures.Product p) {
        SalesFigures.ProductTotals t = p.totals();
        return Csv.safeLine(List.of(p.productId().toString(), Objects.toString(p.title(), ""),
                Objects.toString(p.categoryId(), ""), Objects.toString(p.merchantId(), ""), p.currency(),
                Long.toString(t.orders()), Long.toString(t.units()), major(t.gross(), p.currency()),
                major(t.revenue(), p.currency())));
    }

    static String categoryLine(SalesFigures.Category c) {
        SalesFigures.ProductTotals t = c.totals();
        return Csv.line(List.of(Objects.toString(c.categoryId(), ""), c.currency(), Long.toString(t.orders()),
                Long.toString(t.units()), major(t.gross(), c.currency()), major(t.revenue(), c.currency())));
    }

    static String customersLine(SalesFigures.Customers c) {
        return Csv.line(List.of(c.period().toString(), Long.toString(c.orders()), Long.toString(c.signedInOrders()),
                Long.toString(c.guestOrders()), Long.toString(c.customers()), Long.toString(c.newCustomers()),
                Long.toString(c.returningCustomers()), Double.toString(c.repeatRate())));
    }

    /** One interval and currency of the conversion report. */
    record ConversionView(LocalDate period, String currency, long checkouts, long paid, double rate) {
        static ConversionView of(SalesFigures.Conversion c) {
            return new ConversionView(c.period(), c.currency(), c.checkouts(), c.paid(), c.rate());
        }
    }

    static String conversionLine(SalesFigures.Conversion c) {
        return Csv.line(List.of(c.period().toString(), c.currency(), Long.toString(c.checkouts()),
                Long.toString(c.paid()), Double.toString(c.rate())));
    }

    private static List<String> money(String currency, SalesFigures.Totals t) {
        return List.of(Long.toString(t.orders()), Long.toString(t.units()), major(t.gross(), currency),
                major(t.discounts(), currency), major(t.tax(), currency), major(t.shipping(), currency),
                major(t.refunds(), currency), major(t.total(), currency), major(t.net(), currency),
                major(t.averageOrderValue(), currency));
    }

    /** Minor units in major units with the currency's decimals ({@code 1999} USD is {@code 19.99}). */
    static String major(long minor, String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }
}
