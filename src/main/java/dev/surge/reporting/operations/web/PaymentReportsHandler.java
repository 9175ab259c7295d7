package dev.surge.reporting.operations.web;

import static dev.surge.reporting.operations.web.CsvReports.cells;

import dev.surge.platform.web.QueryParams;
import dev.surge.reporting.operations.domain.PaymentFigures.AttentionItem;
import dev.surge.reporting.operations.domain.PaymentFigures.Period;
import dev.surge.reporting.operations.domain.PaymentFigures.Report;
import dev.surge.reporting.operations.domain.PaymentReports;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The payments report and the attention queue, as JSON or CSV (finance and admins). */
@Component
class PaymentReportsHandler {

    /** Intervals the report buckets by (UTC). */
    enum Interval {
        DAY, WEEK, MONTH;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Duration LONGEST_PERIOD = Duration.ofDays(731);

    private final PaymentReports reports;

    PaymentReportsHandler(PaymentReports reports) {
        this.reports = reports;
    }

    Mono<ServerResponse> summary(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        Instant given = params.instant("to");
        Instant to = given != null ? given : Instant.now();
        Instant asked = params.instant("from");
        Instant from = asked != null ? asked : to.minus(Duration.ofDays(30));
        Interval interval = params.choice("interval", Interval.class, Interval.DAY);
        if (!from.isBefore(to)) {
            params.reject("to", "out_of_range", "must be after from");
        } else if (Duration.between(from, to).compareTo(LONGEST_PERIOD) > 0) {
            params.reject("from", "out_of_range", "a period is at most two years");
        }
        params.validate();
        Mono<Report> report = reports.report(new Period(from, to, interval.toString()));
        return CsvReports.wanted(request)
                ? report.flatMap(r -> CsvReports.respond("payments.csv", List.of("section", "interval", "provider",
                        "status_or_kind", "currency", "count", "amount_minor", "other"), Flux.fromIterable(rows(r))))
                : report.flatMap(InventoryReportsHandler::json);
    }

    Mono<ServerResponse> attention(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        int limit = params.integer("limit", 50, 1, 200);
        String cursor = params.text("cursor").orElse(null);
        params.validate();
        var page = reports.attention(limit, cursor);
        return CsvReports.wanted(request)
                ? page.flatMap(p -> CsvReports.respond("payments-attention.csv", List.of("kind", "since", "item_id",
                        "payment_id", "order_id", "provider", "amount_minor", "currency", "detail", "actions"),
                        Mono.just(p).expand(next -> next.nextCursor() == null ? Mono.empty()
                                        : reports.attention(limit, next.nextCursor()))
                                .concatMapIterable(next -> next.items()).map(PaymentReportsHandler::row)))
                : page.flatMap(p -> InventoryReportsHandler.json(ReportPage.of(p)));
    }

    /** The report in long form: one line per figure group, "other" holding the section's extra figure. */
    private static List<List<String>> rows(Report r) {
        return Stream.of(
                r.payments().stream().map(p -> cells("payments", p.interval(), p.provider(), p.status(), p.currency(),
                        p.count(), p.amountMinor(), "refunded_minor=" + p.refundedMinor())),
                r.refunds().stream().map(f -> cells("refunds", f.interval(), f.provider(), f.status(), f.currency(),
                        f.count(), f.amountMinor(), "reversed=" + f.reversed())),
                r.refundsOwed().stream().map(o -> cells("refunds_owed", null, null, null, o.currency(), o.count(),
                        o.owedMinor(), "gave_up=" + o.gaveUp())),
                r.disputes().stream().map(d -> cells("disputes", null, null, d.status(), d.currency(), d.count(),
                        d.amountMinor(), null)),
                r.webhooks().stream().map(w -> cells("webhooks", null, w.provider(), null, null, w.received(), null,
                        "redeliveries=" + w.redeliveries() + ";no_change=" + w.noChange() + ";failing=" + w.failing()
                                + ";dead_lettered=" + w.deadLettered())),
                r.mismatches().stream().map(m -> cells("mismatches", null, m.provider(), m.kind(), null, m.count(), null,
                        null)))
                .flatMap(s -> s).toList();
    }

    private static List<String> row(AttentionItem i) {
        return cells(i.kind(), i.since(), i.itemId(), i.paymentId(), i.orderId(), i.provider(),
                i.amount() == null ? null : i.amount().amountMinor(), i.amount() == null ? null : i.amount().currency(),
                i.detail(), i.actions().stream().map(a -> a.method() + " " + a.href()).collect(Collectors.joining(" ")));
    }
}
