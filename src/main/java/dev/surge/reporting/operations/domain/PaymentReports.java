package dev.surge.reporting.operations.domain;

import dev.surge.platform.paging.Cursors;
import dev.surge.platform.paging.Page;
import dev.surge.platform.persistence.Ids;
import dev.surge.reporting.operations.data.PaymentReportQueries;
import dev.surge.reporting.operations.domain.PaymentFigures.Action;
import dev.surge.reporting.operations.domain.PaymentFigures.AttentionItem;
import dev.surge.reporting.operations.domain.PaymentFigures.Period;
import dev.surge.reporting.operations.domain.PaymentFigures.Report;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The payments report of a period and the queue of payments that need a person. The queue only points at
 * the payments module's own actions (a refund, a refund's retry, the disputes queue); it never acts itself.
 */
@Service
public class PaymentReports {

    private static final String CURSOR_SCOPE = "payments-attention";

    private final PaymentReportQueries queries;
    private final Cursors cursors;

    PaymentReports(PaymentReportQueries queries, Cursors cursors) {
        this.queries = queries;
        this.cursors = cursors;
    }

    public Mono<Report> report(Period period) {
        return Mono.zip(queries.payments(period).collectList(), queries.refunds(period).collectList(),
                        queries.owed().collectList(), queries.disputes(period).collectList(),
                        queries.webhooks(period).collectList(), queries.mismatches(period).collectList())
                .map(all -> new Report(period.from(), period.to(), period.interval(), all.getT1(), all.getT2(),
                        all.getT3(), all.getT4(), all.getT5(), all.getT6()));
    }

    public Mono<Page<AttentionItem>> attention(int limit, String cursor) {
        return Mono.defer(() -> {
            Instant since = null;
            UUID id = null;
            if (cursor != null) {
                List<String> keys = cursors.decode(cursor, CURSOR_SCOPE);
                id = keys.size() == 2 ? Ids.parseOrNull(keys.get(1)) : null;
                since = id == null ? null : instant(keys.get(0));
                if (since == null) {
                    throw new ReportErrors.InvalidCursor();
                }
            }
            return queries.attention(since, id, limit + 1).map(item -> item.withActions(actions(item.kind(),
                    item.paymentId(), item.itemId()))).collectList();
        }).map(rows -> InventoryReports.page(rows, limit, last -> cursors.encode(CURSOR_SCOPE,
                List.of(last.since().toString(), last.itemId().toString()))));
    }

    /** The existing endpoints that act on an item of {@code kind}. */
    static List<Action> actions(String kind, UUID payment, UUID item) {
        List<Action> actions = new ArrayList<>();
        String paymentPath = payment == null ? null : "/api/v1/payments/" + payment;
        switch (kind) {
            case "refund_failed" -> actions.add(new Action("retry_refund", "POST", paymentPath + "/refunds/" + item + "/retry"));
            case "dispute_open" -> actions.add(new Action("disputes_queue", "GET", "/api/v1/admin/payments/disputes"));
            default -> {
                if (paymentPath != null) {
                    actions.add(new Action("refund", "POST", paymentPath + "/refunds"));
                }
            }
        }
        if (paymentPath != null) {
            actions.add(new Action("view_payment", "GET", paymentPath));
        }
        return List.copyOf(actions);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
