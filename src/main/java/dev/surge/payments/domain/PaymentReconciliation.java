package dev.surge.payments.domain;

import dev.surge.payments.config.PaymentsProperties;
import dev.surge.payments.data.PaymentQueries;
import dev.surge.payments.data.PaymentRow;
import dev.surge.payments.data.ReconciliationQueries;
import dev.surge.payments.data.ReconciliationQueries.Mismatch;
import dev.surge.payments.gateway.PaymentGateway;
import dev.surge.payments.gateway.PaymentGateways;
import dev.surge.payments.gateway.ProviderPayment;
import dev.surge.payments.gateway.ProviderPaymentStatus;
import dev.surge.platform.events.BackgroundWork;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.persistence.LeaderLease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Compares each enabled provider's transactions with our payments over a window and records every
 * difference: a provider payment we have no row of ({@code MISSING_HERE}), a payment of ours the provider
 * does not list ({@code MISSING_AT_PROVIDER}), paid on one side and not the other ({@code STATUS_DIFFERS}),
 * paid on both sides for different amounts ({@code AMOUNT_DIFFERS}). Scheduled on one instance per round
 * ({@link LeaderLease}); finance reads the result as CSV and the metrics.
 */
@Component
public class PaymentReconciliation extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);
    private static final Set<ProviderPaymentStatus> PROVIDER_PAID = Set.of(ProviderPaymentStatus.SUCCEEDED,
            ProviderPaymentStatus.REVERSED);
    private static final Set<String> OUR_PAID = Set.of("SUCCEEDED", "PARTIALLY_REFUNDED", "REFUNDED", "FLAGGED");

    private final PaymentGateways gateways;
    private final PaymentQueries payments;
    private final ReconciliationQueries runs;
    private final LeaderLease lease;
    private final PaymentMetrics metrics;
    private final PaymentsProperties.Reconciliation properties;

    PaymentReconciliation(PaymentGateways gateways, PaymentQueries payments, ReconciliationQueries runs, LeaderLease lease,
            PaymentMetrics metrics, PaymentsProperties properties) {
        this.gateways = gateways;
        this.payments = payments;
        this.runs = runs;
        this.lease = lease;
        this.metrics = metrics;
        this.properties = properties.reconciliation();
    }

    @Override
    protected Disposable begin() {
        if (!properties.enabled()) {
            return Disposables.disposed();
        }
        // First try a minute after start-up (the lease skips it if another instance ran within the interval),
        // so a fleet that restarts more often than the interval still reconciles.
        Duration first = properties.interval().compareTo(Duration.ofMinutes(1)) < 0 ? properties.interval()
                : Duration.ofMinutes(1);
        return every(first, properties.interval(),
                () -> lease.ifLeader("payments-reconciliation", properties.interval(), () -> {
                    Instant to = Instant.now().minus(properties.settle());
                    return run(to.minus(properties.window()), to);
                }),
                log, "Payment reconciliation");
    }

    /** A provider's answer that no run could get: its payments were not compared. */
    public static final String PROVIDER_UNREACHABLE = "PROVIDER_UNREACHABLE";

    /** What a run compared and found. */
    public record Result(UUID runId, Instant from, Instant to, int compared, List<ReconciliationMismatch> mismatches) {

        /** The providers this run could not ask (their payments were not compared). */
        public List<String> unreachableProviders() {
            return mismatches.stream().filter(m -> PROVIDER_UNREACHABLE.equals(m.kind())).map(ReconciliationMismatch::provider).toList();
        }
    }

    private static Mismatch unreachable(UUID runId, String provider, Exception error) {
        String why = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        return new Mismatch(Ids.newId(), runId, provider, PROVIDER_UNREACHABLE, null, null, null,
                why.length() > 200 ? why.substring(0, 200) : why, null, null, null, Instant.now());
    }

    /** One run over {@code [from, to]} for every enabled gateway. */
    public Mono<Result> run(Instant from, Instant to) {
        UUID runId = Ids.newId();
        return runs.startRun(runId, from, to)
                .thenMany(Flux.fromIterable(gateways.all()).concatMap(gateway -> compare(runId, gateway, from, to)
                        // A provider that cannot answer now is compared in the next run; the others still are. The
                        // run says so (a PROVIDER_UNREACHABLE finding): a clean run is one that compared everything.
                        .onErrorResume(Exception.class, e -> {
                            log.error("Payment reconciliation {} could not compare {}: {}", runId, gateway.provider(),
                                    e.toString());
                            return Mono.just(new Compared(0, List.of(unreachable(runId, gateway.provider(), e))));
                        })))
                .collectList()
                .flatMap(perGateway -> {
                    int compared = perGateway.stream().mapToInt(Compared::count).sum();
                    List<Mismatch> all = perGateway.stream().flatMap(c -> c.mismatches().stream()).toList();
                    return Flux.fromIterable(all).concatMap(runs::insert).then(runs.finishRun(runId, compared, all.size()))
                            .then(Mono.fromRunnable(() -> {
                                all.forEach(m -> metrics.mismatch(m.kind()));
                                metrics.lastRun(all.size());
                                if (!all.isEmpty()) {
                                    log.warn("Payment reconciliation {} found {} mismatch(es) among {} payments", runId,
                                            all.size(), compared);
                                }
                            }))
                            .thenReturn(new Result(runId, from, to, compared,
                                    all.stream().map(ReconciliationMismatch::of).toList()));
                });
    }

    private record Compared(int count, List<Mismatch> mismatches) {
    }

    private Mono<Compared> compare(UUID runId, PaymentGateway gateway, Instant from, Instant to) {
        String provider = gateway.provider();
        return Mono.zip(gateway.transactions(from, to).collectList(),
                        payments.createdBetween(provider, from, to).collectList())
                .flatMap(both -> {
                    Map<String, PaymentRow> ours = new HashMap<>();
                    both.getT2().forEach(p -> ours.put(p.providerReference(), p));
                    List<Mismatch> found = new ArrayList<>();
                    List<ProviderPayment> unmatched = new ArrayList<>();
                    for (ProviderPayment theirs : both.getT1()) {
                        PaymentRow mine = ours.remove(theirs.providerReference());
                        if (mine == null) {
                            unmatched.add(theirs);
                        } else {
                            difference(runId, mine, theirs).ifPresent(found::add);
                        }
                    }
                    ours.values().forEach(mine -> found.add(mismatch(runId, "MISSING_AT_PROVIDER", mine, null)));
                    // A provider payment outside our window may still be ours (created at the edge of the window).
                    return Flux.fromIterable(unmatched)
                            .concatMap(theirs -> payments.idByProviderReference(provider, theirs.providerReference())
                                    .flatMap(payments::find)
                                    .map(mine -> difference(runId, mine, theirs))
                                    .defaultIfEmpty(java.util.Optional.of(mismatch(runId, "MISSING_HERE", null, theirs))))
                            .doOnNext(optional -> optional.ifPresent(found::add))
                            .then(Mono.fromSupplier(() -> new Compared(both.getT1().size() + ours.size(), found)));
                });
    }

    private static java.util.Optional<Mismatch> difference(UUID runId, PaymentRow mine, ProviderPayment theirs) {
        boolean theyPaid = PROVIDER_PAID.contains(theirs.status());
        boolean wePaid = OUR_PAID.contains(mine.status());
        if (theirs.status() == ProviderPaymentStatus.REVERSED && "FAILED".equals(mine.status())) {
            // Taken and given back at the provider, failed here (verify's reading of a reversal): nobody holds money.
            return java.util.Optional.empty();
        }
        if (theyPaid != wePaid) {
            return java.util.Optional.of(mismatch(runId, "STATUS_DIFFERS", mine, theirs));
        }
        if (theyPaid && theirs.amount() != null && !theirs.amount().equals(mine.amount())) {
            return java.util.Optional.of(mismatch(runId, "AMOUNT_DIFFERS", mine, theirs));
        }
        return java.util.Optional.empty();
    }

    private static Mismatch mismatch(UUID runId, String kind, PaymentRow mine, ProviderPayment theirs) {
        return new Mismatch(Ids.newId(), runId, mine != null ? mine.provider() : theirs.provider(), kind,
                mine == null ? null : mine.id(), mine != null ? mine.providerReference() : theirs.providerReference(),
                mine == null ? null : mine.status(), theirs == null ? null : theirs.status().name(),
                mine == null ? null : mine.amount().amountMinor(),
                theirs == null || theirs.amount() == null ? null : theirs.amount().amountMinor(),
                mine != null ? mine.amount().currency() : theirs.amount() == null ? null : theirs.amount().currency(),
                Instant.now());
    }

    /** The mismatches of a run, or of the latest run. */
    public Flux<ReconciliationMismatch> report(UUID runId) {
        return (runId != null ? Mono.just(runId) : runs.latestRun()).flatMapMany(runs::mismatches)
                .map(ReconciliationMismatch::of);
    }
}
