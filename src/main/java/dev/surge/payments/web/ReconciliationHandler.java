package dev.surge.payments.web;

import dev.surge.payments.domain.PaymentErrors;
import dev.surge.payments.domain.PaymentReconciliation;
import dev.surge.payments.domain.ReconciliationMismatch;
import dev.surge.payments.web.PaymentResponses.ReconciliationRunResponse;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.web.Csv;
import dev.surge.platform.web.QueryParams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reconciliation with the providers over HTTP, for finance: a run now, and a run's mismatches as CSV. */
@Component
class ReconciliationHandler {

    private static final String CSV_HEADER = Csv.line(List.of("detected_at", "run_id", "provider", "kind", "payment_id",
            "provider_reference", "our_status", "provider_status", "our_amount_minor", "provider_amount_minor", "currency"));

    private final PaymentReconciliation reconciliation;

    ReconciliationHandler(PaymentReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    Mono<ServerResponse> reconciliationReport(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        UUID runId = params.text("run").map(text -> {
            UUID id = Ids.parseOrNull(text);
            if (id == null) {
                params.reject("run", "invalid", "A reconciliation run id");
            }
            return id;
        }).orElse(null);
        params.validate();
        Flux<String> lines = Flux.concat(Flux.just(CSV_HEADER), reconciliation.report(runId).map(ReconciliationHandler::line));
        return ServerResponse.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"payment-reconciliation.csv\"")
                .cacheControl(CacheControl.noStore())
                .body(lines, String.class);
    }

    Mono<ServerResponse> reconcileNow(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        Instant to = params.instant("to");
        Instant from = params.instant("from");
        params.validate();
        Instant end = to != null ? to : Instant.now();
        Instant start = from != null ? from : end.minus(Duration.ofDays(1));
        if (!start.isBefore(end)) {
            return Mono.error(new PaymentErrors.InvalidReconciliationWindow());
        }
        return reconciliation.run(start, end)
                .flatMap(result -> ServerResponse.ok().cacheControl(CacheControl.noStore())
                        .bodyValue(ReconciliationRunResponse.of(result)));
    }

    /** Provider references and statuses come from outside: neutralised like every export ({@link Csv#safeLine}). */
    private static String line(ReconciliationMismatch m) {
        return Csv.safeLine(Arrays.asList(m.detectedAt().toString(), m.runId().toString(), m.provider(), m.kind(),
                text(m.paymentId()), m.providerReference(), m.ourStatus(), m.providerStatus(), text(m.ourAmountMinor()),
                text(m.providerAmountMinor()), m.currency()));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
