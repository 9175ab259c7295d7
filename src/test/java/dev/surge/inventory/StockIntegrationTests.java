package dev.surge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.surge.inventory.domain.StockReconciliation;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventMetadata;
import dev.surge.platform.security.AccessTokens;
import dev.surge.support.IntegrationTest;
import dev.surge.support.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Reservations of normal stock through {@link InventoryApi} (what checkout will call), and the back
 * office's stock endpoints over HTTP.
 */
class StockIntegrationTests extends IntegrationTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    DatabaseClient db;

    @Autowired
    InventoryApi inventory;

    @Autowired
    StockReconciliation reconciliation;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    TransactionalOperator tx;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    List<EventHandler<?>> handlers;

    InventoryFixtures fixtures;
    String admin;

    @BeforeEach
    void setUp() {
        fixtures = new InventoryFixtures(db);
        admin = new TestTokens(accessTokens).admin();
    }

    ReserveStock reserve(String owner, Duration hold, ReserveStock.Line... lines) {
        return new ReserveStock(owner, List.of(lines), hold);
    }

    @Test
    void aBatchOfStockChangesLeavesTheCatalogAtEachVariantsStockAsItIsNow() {
        UUID best = fixtures.variant(10, 1000);
        UUID other = fixtures.variant(4, 1000);
        inventory.reserve(reserve("order:batched", null, new ReserveStock.Line(best, 3),
                new ReserveStock.Line(other, 1))).block();
        await().atMost(Duration.ofSeconds(20)).until(() -> listed(best) == 7 && listed(other) == 3);
        // The catalog left behind (as if the consumer had stopped there), then a burst arrives: stale levels, twice.
        db.sql("UPDATE product_variants SET stock_on_hand = 99 WHERE id IN (:best, :other)").bind("best", best)
                .bind("other", other).then().block();
        EventHandler<StockLevelChanged> sync = catalogSync();
        List<StockLevelChanged> burst = List.of(new StockLevelChanged(best, 10, 1, 2), new StockLevelChanged(other, 4, 0, 1),
                new StockLevelChanged(best, 10, 2, 3));
        List<EventMetadata> metadata = burst.stream().map(event -> new EventMetadata(UUID.randomUUID(),
                "StockLevelChanged", event.variantId().toString(), null)).toList();

        sync.handleAll(burst, metadata).as(tx::transactional).block(Duration.ofSeconds(10));

        assertThat(listed(best)).isEqualTo(7);
        assertThat(listed(other)).isEqualTo(3);
    }

    @SuppressWarnings("unchecked")
    private EventHandler<StockLevelChanged> catalogSync() {
        return (EventHandler<StockLevelChanged>) handlers.stream()
                .filter(handler -> handler.name().equals("inventory.catalog-availability")).findFirst().orElseThrow();
    }

    @Test
    void shoppersPagesAreToldOfStockOnlyWhenAVariantGoesOutOfStock() {
        UUID variant = fixtures.variant(2, 1000);
        UUID product = db.sql("SELECT product_id FROM product_variants WHERE id = :v").bind("v", variant)
                .map(row -> row.get("product_id", UUID.class)).one().block();

        // One of two units held: the back office's figure follows, shoppers' pages (in stock either way) are left.
        inventory.reserve(reserve("order:first", null, new ReserveStock.Line(variant, 1))).block();
        await().atMost(Duration.ofSeconds(20)).until(() -> listed(variant) == 1);
        assertThat(productChanges(product)).isZero();

        // The last unit held: out of stock, so the product's page and the lists are told once.
        inventory.reserve(reserve("order:second", null, new ReserveStock.Line(variant, 1))).block();
        await().atMost(Duration.ofSeconds(20)).until(() -> listed(variant) == 0);
        assertThat(productChanges(product)).isOne();
    }

    private int listed(UUID variant) {
        return db.sql("SELECT stock_on_hand FROM product_variants WHERE id = :v").bind("v", variant)
                .map(row -> row.get("stock_on_hand", Integer.class)).one().block();
    }

    private long productChanges(UUID product) {
        return db.sql("SELECT count(*) AS n FROM outbox_events WHERE event_type = 'ProductChanged' AND event_key = :p")
                .bind("p", product.toString()).map(row -> row.get("n", Long.class)).one().block();
    }

    @Test
    void aMultiLineReservationHoldsEveryLineOrNone() {
        UUID plenty = fixtures.variant(10, 1000);
        UUID scarce = fixtures.variant(1, 1000);

        assertThatThrownBy(() -> inventory.reserve(reserve("order:a", null, new ReserveStock.Line(plenty, 4),
                new ReserveStock.Line(scarce, 2))).block())
                .isInstanceOf(OutOfStock.class)
                .satisfies(e -> assertThat(((OutOfStock) e).variantId()).isEqualTo(scarce));
        assertThat(fixtures.stock(plenty)).isEqualTo(new InventoryFixtures.Stock(10, 0));
        assertThat(inventory.available(List.of(plenty, scarce)).block()).isEqualTo(Map.of(plenty, 10, scarce, 1));

        String owner = "order:" + UUID.randomUUID();
        Reservation held = inventory.reserve(reserve(owner, null, new ReserveStock.Line(plenty, 4),
                new ReserveStock.Line(scarce, 1))).block();
        assertThat(held.status()).isEqualTo(Reservation.Status.ACTIVE);
        assertThat(fixtures.reservationLines("order:a")).isZero();
        assertThat(fixtures.reservationLines(owner)).isEqualTo(2);
        assertThat(fixtures.stock(plenty)).isEqualTo(new InventoryFixtures.Stock(10, 4));
        assertThat(inventory.available(List.of(plenty, scarce, UUID.randomUUID())).block())
                .isEqualTo(Map.of(plenty, 6, scarce, 0));
    }

    @Test
    void confirmingSellsOnceAndReleasingAfterwardsChangesNothing() {
        UUID variant = fixtures.variant(5, 1000);
        Reservation held = inventory.reserve(reserve("order:c", null, new ReserveStock.Line(variant, 2))).block();

        assertThat(inventory.confirm(held.id()).block().status()).isEqualTo(Reservation.Status.CONFIRMED);
        assertThat(fixtures.stock(variant)).isEqualTo(new InventoryFixtures.Stock(3, 0));
        assertThatThrownBy(() -> inventory.confirm(held.id()).block()).isInstanceOf(ReservationNotActive.class);
        assertThat(inventory.release(held.id()).block().status()).isEqualTo(Reservation.Status.CONFIRMED);
        assertThat(fixtures.stock(variant)).isEqualTo(new InventoryFixtures.Stock(3, 0));
        assertThat(inventory.available(List.of(variant)).block()).containsEntry(variant, 3);
        assertThatThrownBy(() -> inventory.find(UUID.randomUUID()).block()).isInstanceOf(ReservationNotFound.class);
    }

    @Test
    void aConfirmationWhoseTransactionRollsBackLeavesTheHoldAbleToReturnItsUnits() {
        UUID variant = fixtures.variant(5, 1000);
        Reservation held = inventory.reserve(reserve("order:rolled-back", null, new ReserveStock.Line(variant, 2))).block();
        assertThat(inventory.available(List.of(variant)).block()).containsEntry(variant, 3);

        // A payment that confirms the hold inside its transaction, then fails before the commit.
        assertThatThrownBy(() -> inventory.confirm(held.id())
                .then(Mono.error(new IllegalStateException("a later step of the payment failed")))
                .as(tx::transactional).block()).hasMessageContaining("a later step of the payment failed");

        assertThat(inventory.find(held.id()).block().status()).isEqualTo(Reservation.Status.ACTIVE);
        assertThat(fixtures.stock(variant)).isEqualTo(new InventoryFixtures.Stock(5, 2));
        // The hold still gives its units back, to PostgreSQL and to Redis alike: Redis is not left short.
        inventory.release(held.id()).block();
        assertThat(fixtures.stock(variant)).isEqualTo(new InventoryFixtures.Stock(5, 0));
        assertThat(inventory.available(List.of(variant)).block()).containsEntry(variant, 5);
    }

    @Test
    void confirmingAnOrdersHoldsSellsTheirLinesInVariantOrderWhateverOrderTheyComeIn() {
        UUID one = fixtures.variant(5, 1000);
        UUID two = fixtures.variant(5, 1000);
        UUID low = one.compareTo(two) < 0 ? one : two;
        UUID high = low.equals(one) ? two : one;
        // Held high first, and asked for high first: the order a crossed second order would lock in.
        Reservation onHigh = inventory.reserve(reserve("order:crossed", null, new ReserveStock.Line(high, 1))).block();
        Reservation onLow = inventory.reserve(reserve("order:crossed", null, new ReserveStock.Line(low, 2))).block();

        List<Reservation> confirmed = inventory.confirmAll(List.of(onHigh.id(), onLow.id())).block();

        assertThat(confirmed).extracting(Reservation::id).containsExactly(onHigh.id(), onLow.id());
        assertThat(confirmed).extracting(Reservation::status).containsOnly(Reservation.Status.CONFIRMED);
        List<UUID> sold = db.sql("""
                SELECT variant_id FROM stock_movements WHERE reference IN (:a, :b) AND reason = 'sale' ORDER BY id""")
                .bind("a", "reservation:" + onHigh.id()).bind("b", "reservation:" + onLow.id())
                .map(row -> row.get("variant_id", UUID.class)).all().collectList().block();
        assertThat(sold).as("stock rows taken in variant order").containsExactly(low, high);
        assertThat(fixtures.stock(low)).isEqualTo(new InventoryFixtures.Stock(3, 0));
        assertThat(fixtures.stock(high)).isEqualTo(new InventoryFixtures.Stock(4, 0));
    }

    @Test
    void confirmingAnOrdersHoldsIsAllOrNone() {
        UUID variant = fixtures.variant(5, 1000);
        Reservation live = inventory.reserve(reserve("order:partly-gone", null, new ReserveStock.Line(variant, 1))).block();
        Reservation released = inventory.reserve(reserve("order:partly-gone", null, new ReserveStock.Line(variant, 1))).block();
        inventory.release(released.id()).block();

        assertThatThrownBy(() -> inventory.confirmAll(List.of(live.id(), released.id())).block())
                .isInstanceOf(ReservationNotActive.class);
        assertThat(inventory.find(live.id()).block().status()).isEqualTo(Reservation.Status.ACTIVE);
        assertThat(fixtures.stock(variant)).isEqualTo(new InventoryFixtures.Stock(5, 1));
    }

    @Test
    void anExpiredReservationCannotBeConfirmedAndReturnsItsUnitsOnce() {
        UUID variant = fixtures.variant(3, 1000);
        Reservation held = inventory.reserve(reserve("order:d", Duration.ofSeconds(1),
                new ReserveStock.Line(variant, 3))).block();
        assertThat(inventory.available(List.of(variant)).block()).containsEntry(variant, 0);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(inventory.find(held.id()).block().status()).isEqualTo(Reservation.Status.EXPIRED));
        assertThatThrownBy(() -> inventory.confirm(held.id()).block()).isInstanceOf(ReservationNotActive.class);
        inventory.release(held.id()).block();
        assertThat(fixtures.stock(variant)).isEqualTo(new InventoryFixtures.Stock(3, 0));
        assertThat(inventory.available(List.of(variant)).block()).containsEntry(variant, 3);
    }

    @Test
    void aStaleRedisGrantIsUndoneNotSold() {
        UUID variant = fixtures.variant(2, 1000);
        assertThat(inventory.available(List.of(variant)).block()).containsEntry(variant, 2);
        // Redis believes in more units than PostgreSQL has (a lost write, a bad restore).
        redis.opsForValue().set("surge:inv:{v:" + variant + "}:available", "50").block();

        assertThatThrownBy(() -> inventory.reserve(reserve("order:e", null, new ReserveStock.Line(variant, 5))).block())
                .isInstanceOf(OutOfStock.class);
        assertThat(fixtures.stock(variant)).isEqualTo(new InventoryFixtures.Stock(2, 0));
        assertThat(fixtures.reservationLines("order:e")).as("written with the refused units, gone with them").isZero();
        // The refusal also brought the gate down to the truth, so the next attempts are refused in Redis.
        assertThat(redis.opsForValue().get("surge:inv:{v:" + variant + "}:available").block()).isEqualTo("2");

        // Drift the other way (Redis short, e.g. a crash before a return) is repaired by reconciliation.
        redis.opsForValue().set("surge:inv:{v:" + variant + "}:available", "0").block();
        StockReconciliation.Result result = reconciliation.reconcile().block();
        assertThat(result.repaired()).isGreaterThanOrEqualTo(1);
        assertThat(inventory.available(List.of(variant)).block()).containsEntry(variant, 2);
    }

    @Test
    void countersReloadFromPostgresqlAfterRedisLosesThem() {
        UUID variant = fixtures.variant(4, 1000);
        inventory.reserve(reserve("order:f", null, new ReserveStock.Line(variant, 1))).block();
        redis.delete("surge:inv:{v:" + variant + "}:available").block();

        assertThat(inventory.available(List.of(variant)).block()).containsEntry(variant, 3);
        inventory.reserve(reserve("order:g", null, new ReserveStock.Line(variant, 3))).block();
        assertThatThrownBy(() -> inventory.reserve(reserve("order:h", null, new ReserveStock.Line(variant, 1))).block())
                .isInstanceOf(OutOfStock.class);
        assertThat(fixtures.stock(variant)).isEqualTo(new InventoryFixtures.Stock(4, 4));
    }

    @Test
    void adminsSetAndAdjustStockWithAnAuditTrail() {
        UUID variant = fixtures.variant(5, 1000);
        inventory.reserve(reserve("order:i", null, new ReserveStock.Line(variant, 2))).block();

        http.put().uri("/api/v1/admin/inventory/" + variant).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("onHand", 20, "lowStockThreshold", 3, "reason", "cycle count"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.onHand").isEqualTo(20).jsonPath("$.available").isEqualTo(18)
                .jsonPath("$.gate").isEqualTo(18).jsonPath("$.lowStockThreshold").isEqualTo(3);
        http.post().uri("/api/v1/admin/inventory/" + variant + "/adjustments").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("delta", -17, "reason", "water damage"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.available").isEqualTo(1).jsonPath("$.lowStock").isEqualTo(true);
        http.post().uri("/api/v1/admin/inventory/" + variant + "/adjustments").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("delta", -2, "reason", "lost"))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("insufficient_stock");
        http.put().uri("/api/v1/admin/inventory/" + variant).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("onHand", 1, "reason", "count"))
                .exchange().expectStatus().isEqualTo(409);
        assertThat(fixtures.stock(variant)).isEqualTo(new InventoryFixtures.Stock(3, 2));
        assertThat(inventory.available(List.of(variant)).block()).containsEntry(variant, 1);

        Integer audits = db.sql("SELECT count(*)::int AS n FROM audit_log WHERE subject_id = :v AND action LIKE 'inventory.stock.%'")
                .bind("v", variant).map(row -> row.get("n", Integer.class)).one().block();
        assertThat(audits).isEqualTo(2);
        Integer lowStockEvents = db.sql("SELECT count(*)::int AS n FROM outbox_events WHERE event_type = 'LowStock' AND event_key = :v")
                .bind("v", variant.toString()).map(row -> row.get("n", Integer.class)).one().block();
        // One when the reservation took it from 5 to 3 (default threshold 5), one when the adjustment took it under 3.
        assertThat(lowStockEvents).isEqualTo(2);

        http.get().uri("/api/v1/admin/inventory?lowStock=true&limit=1000").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody(JSON)
                .value(body -> assertThat(body.get("items").toString()).contains(variant.toString()));
        // The catalog's in-stock figure follows through the event.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(db.sql(
                "SELECT stock_on_hand FROM product_variants WHERE id = :v").bind("v", variant)
                .map(row -> row.get("stock_on_hand", Integer.class)).one().block()).isEqualTo(1));
    }

    @Test
    void stockEndpointsRefuseBadInputAndNonAdmins() {
        UUID variant = fixtures.variant(5, 1000);
        String customer = new TestTokens(accessTokens).customer(UUID.randomUUID());
        http.get().uri("/api/v1/admin/inventory/" + variant).headers(h -> h.setBearerAuth(customer))
                .exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/admin/inventory/" + UUID.randomUUID()).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("variant_not_found");
        http.put().uri("/api/v1/admin/inventory/" + variant).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("onHand", -1, "reason", "x"))
                .exchange().expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.put().uri("/api/v1/admin/inventory/" + variant).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("onHand", 3))
                .exchange().expectStatus().isBadRequest();
        http.get().uri("/api/v1/admin/inventory?limit=0").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isBadRequest();
        assertThat(fixtures.stock(variant)).isNull(); // nothing adopted, nothing written
    }
}
