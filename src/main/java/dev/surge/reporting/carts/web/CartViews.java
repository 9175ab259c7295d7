package dev.surge.reporting.carts.web;

import dev.surge.platform.web.Csv;
import dev.surge.reporting.carts.domain.CartFigures;
import dev.surge.reporting.carts.domain.CartReports.AbandonedQuery;
import dev.surge.reporting.carts.domain.CartReports.AbandonedReport;
import dev.surge.reporting.sales.domain.SalesQuery;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** The carts reports as JSON bodies (money in minor units) and CSV lines (money in major units). */
final class CartViews {

    static final List<String> FUNNEL_COLUMNS = List.of("period", "carts_started", "carts_with_items", "checkouts",
            "paid", "checkout_rate", "paid_rate");
    static final List<String> ABANDONED_COLUMNS = List.of("row", "customer_id", "currency", "carts", "lines", "units",
            "value", "started_at", "last_activity_at");

    private CartViews() {
    }

    record Range(LocalDate from, LocalDate to, String interval) {
        static Range of(SalesQuery q) {
            return new Range(q.from(), q.to(), q.interval().toString());
        }
    }

    record FunnelView(LocalDate period, long cartsStarted, long cartsWithItems, long checkouts, long paid,
            double checkoutRate, double paidRate) {
        static FunnelView of(CartFigures.Funnel f) {
            return new FunnelView(f.period(), f.cartsStarted(), f.cartsWithItems(), f.checkouts(), f.paid(),
                    f.checkoutRate(), f.paidRate());
        }
    }

    record FunnelBody(Range range, List<FunnelView> items) {
    }

    /** What the list covers: carts last changed on these days (UTC), in this currency or all. */
    record AbandonedRange(LocalDate from, LocalDate to, String currency) {
    }

    record AbandonedCartView(UUID customerId, String currency, long lines, long units, long valueMinor,
            Instant startedAt, Instant lastActivityAt) {
        static AbandonedCartView of(CartFigures.AbandonedCart c) {
            return new AbandonedCartView(c.customerId(), c.currency(), c.lines(), c.units(), c.valueMinor(),
                    c.startedAt(), c.lastActivityAt());
        }
    }

    record AbandonedTotalView(String currency, long carts, long units, long valueMinor) {
        static AbandonedTotalView of(CartFigures.AbandonedTotal t) {
            return new AbandonedTotalView(t.currency(), t.carts(), t.units(), t.valueMinor());
        }
    }

    record AbandonedBody(AbandonedRange range, Duration abandonedAfter, Instant idleSince,
            List<AbandonedTotalView> totals, List<AbandonedCartView> items, String nextCursor) {
        static AbandonedBody of(AbandonedQuery q, AbandonedReport r) {
            return new AbandonedBody(new AbandonedRange(q.from(), q.to(), q.currency()), r.abandonedAfter(),
                    r.idleSince(), r.totals().stream().map(AbandonedTotalView::of).toList(),
                    r.page().items().stream().map(AbandonedCartView::of).toList(), r.page().nextCursor());
        }
    }

    static String funnelLine(CartFigures.Funnel f) {
        return Csv.line(List.of(f.period().toString(), Long.toString(f.cartsStarted()), Long.toString(f.cartsWithItems()),
                Long.toString(f.checkouts()), Long.toString(f.paid()), Double.toString(f.checkoutRate()),
                Double.toString(f.paidRate())));
    }

    static String abandonedLine(CartFigures.AbandonedCart c) {
        return Csv.line(List.of("cart", c.customerId().toString(), c.currency(), "1", Long.toString(c.lines()),
                Long.toString(c.units()), major(c.valueMinor(), c.currency()), c.startedAt().toString(),
                c.lastActivityAt().toString()));
    }

    static String abandonedTotalLine(CartFigures.AbandonedTotal t) {
        return Csv.line(List.of("total", "", t.currency(), Long.toString(t.carts()), "", Long.toString(t.units()),
                major(t.valueMinor(), t.currency()), "", ""));
    }

    /** Minor units in major units with the currency's decimals ({@code 1999} USD is {@code 19.99}). */
    static String major(long minor, String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }
}
