package dev.surge.inventory.domain;

import dev.surge.inventory.OutOfStock;
import dev.surge.inventory.Reservation;
import dev.surge.inventory.ReserveStock;
import dev.surge.inventory.config.InventoryProperties;
import dev.surge.inventory.data.Movement;
import dev.surge.inventory.data.NewReservation;
import dev.surge.inventory.domain.InventoryErrors.HoldOutOfRange;
import dev.surge.inventory.domain.InventoryErrors.InvalidReservation;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.reactive.RunToEnd;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reservations of normal stock. A reservation passes two gates. Redis first ({@link StockGate}): one
 * script per line takes the units from the variant's counter or refuses, so refusals cost one round trip
 * and never reach PostgreSQL. Then PostgreSQL, in one transaction: a conditional {@code UPDATE} per line (in
 * variant-id order, so two multi-line reservations never deadlock), the first with the reservation's rows. If
 * PostgreSQL refuses what Redis granted (the counter was stale), the Redis grants are given back and the
 * caller hears {@link OutOfStock}: never sold.
 */
@Service
class StockReservations {

    private static final Logger log = LoggerFactory.getLogger(StockReservations.class);

    private final StockGate gate;
    private final StockLedger ledger;
    private final TransactionalOperator tx;
    private final InventoryProperties properties;
    private final InventoryMetrics metrics;

    StockReservations(StockGate gate, StockLedger ledger, TransactionalOperator tx,
            InventoryProperties properties, InventoryMetrics metrics) {
        this.gate = gate;
        this.ledger = ledger;
        this.tx = tx;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** See {@code InventoryApi.reserve(ReserveStock, Function)}. */
    <T> Mono<T> reserve(ReserveStock command, Function<Reservation, Mono<T>> within) {
        List<Reservation.Line> lines;
        try {
            lines = validLines(command);
        } catch (InvalidReservation e) {
            return Mono.error(e);
        }
        Duration hold = command.hold() != null ? command.hold() : properties.reservationHold();
        if (hold.compareTo(Duration.ofSeconds(1)) < 0 || hold.compareTo(FlashSaleCampaigns.MAX_HOLD) > 0) {
            return Mono.error(new HoldOutOfRange());
        }
        UUID id = Ids.newId();
        Instant now = Instant.now();
        Reservation reservation = new Reservation(id, command.owner(), Reservation.Status.ACTIVE, null, lines,
                now.plus(hold), now);
        Duration keep = hold.plus(StockGate.KEY_GRACE);
        NewReservation head = new NewReservation(id, command.owner(), null, reservation.expiresAt(), now, lines);
        // The caller's writes first, the stock rows last: a stock row's lock is held from its UPDATE to the commit, and
        // a best seller's row is what every checkout of it waits for. The reservation's own rows are written by the
        // statement of its first line's units (what the caller writes may refer to them: that check waits for the
        // commit, V65).
        Mono<T> work = Flux.fromIterable(lines).concatMap(line -> gate.take(id, line, keep)).then()
                .then(Mono.defer(() -> within.apply(reservation))
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("The work within gave nothing")))
                        .flatMap(result -> Flux.fromIterable(lines)
                                .concatMap(line -> ledger.reserve(line.variantId(), line.quantity(),
                                        Movement.of(Movement.RESERVED, command.owner(), id, null),
                                        line == lines.get(0) ? head : null, () -> new Refused(line.variantId())))
                                .then(Mono.just(result)))
                        .as(tx::transactional))
                .onErrorResume(e -> gate.giveBackAll(id, lines)
                        // Redis was ahead of the truth: bring it down, or every later attempt repeats this.
                        .then(e instanceof Refused refused ? gate.lowerToTruth(refused.variant) : Mono.empty())
                        .then(Mono.error(refusal(e))))
                .doOnSuccess(ok -> metrics.attempt(InventoryMetrics.STOCK, "reserved"));
        // Runs to its end even if the caller cancels: Redis grants are either backed by PostgreSQL or given back.
        return RunToEnd.of(work);
    }

    /** PostgreSQL refused a line that Redis had granted: the counter was ahead of the truth. */
    private static final class Refused extends RuntimeException {
        final UUID variant;

        Refused(UUID variant) {
            super(null, null, false, false);
            this.variant = variant;
        }
    }

    private Throwable refusal(Throwable e) {
        if (e instanceof Refused refused) {
            metrics.attempt(InventoryMetrics.STOCK, "oversell_prevented");
            log.info("PostgreSQL refused units of {} that Redis granted; the grant was undone", refused.variant);
            return new OutOfStock(refused.variant);
        }
        return e;
    }

    private List<Reservation.Line> validLines(ReserveStock command) {
        List<FieldViolation> violations = new ArrayList<>();
        if (command.owner() == null || command.owner().isBlank()) {
            violations.add(new FieldViolation("owner", "required", "A reservation needs an owner"));
        }
        if (command.lines().isEmpty()) {
            violations.add(new FieldViolation("lines", "required", "At least one line is required"));
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < command.lines().size(); i++) {
            ReserveStock.Line line = command.lines().get(i);
            if (line.variantId() == null || !seen.add(line.variantId())) {
                violations.add(new FieldViolation("lines[" + i + "].variantId", "invalid", "Each line needs its own variant"));
            }
            if (line.quantity() < 1 || line.quantity() > properties.maxLineQuantity()) {
                violations.add(new FieldViolation("lines[" + i + "].quantity", "out_of_range",
                        "Quantity must be between 1 and " + properties.maxLineQuantity()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidReservation(violations);
        }
        return command.lines().stream().map(line -> new Reservation.Line(line.variantId(), line.quantity()))
                .sorted(Comparator.comparing(Reservation.Line::variantId)).toList();
    }
}
