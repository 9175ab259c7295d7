package dev.surge.inventory.domain;

import dev.surge.catalog.CatalogApi;
import dev.surge.inventory.UnknownVariant;
import dev.surge.inventory.config.InventoryProperties;
import dev.surge.inventory.data.FlashSaleQueries;
import dev.surge.inventory.data.FlashSaleRow;
import dev.surge.inventory.data.Movement;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.persistence.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Flash-sale campaigns as admins define them and buyers see them. A campaign's units are taken out of
 * normal stock when it is created (held in {@code inventory_stock.reserved}); when it ends, whatever
 * nobody claimed goes back ({@link FlashSaleClosing}). Purchase attempts: {@link FlashSaleClaims}.
 */
@Service
public class FlashSaleCampaigns {

    /** Longest hold a campaign (or a reservation of normal stock) may give its reservations. */
    public static final Duration MAX_HOLD = Duration.ofHours(24);

    private final FlashSaleQueries sales;
    private final StockLedger ledger;
    private final CatalogApi catalog;
    private final AuditTrail audit;
    private final TransactionalOperator tx;
    private final InventoryProperties properties;

    FlashSaleCampaigns(FlashSaleQueries sales, StockLedger ledger, CatalogApi catalog, AuditTrail audit,
            TransactionalOperator tx, InventoryProperties properties) {
        this.sales = sales;
        this.ledger = ledger;
        this.catalog = catalog;
        this.audit = audit;
        this.tx = tx;
        this.properties = properties;
    }

    public Mono<FlashSale> find(UUID id) {
        return sales.find(id).map(row -> FlashSale.of(row, Instant.now()))
                .switchIfEmpty(Mono.error(FlashSaleErrors.FlashSaleNotFound::new));
    }

    public Flux<FlashSale> recent(int limit) {
        Instant now = Instant.now();
        return sales.recent(limit).map(row -> FlashSale.of(row, now));
    }

    /** Creates a campaign and takes its units out of normal stock; 409 when not enough are available. */
    public Mono<FlashSale> create(NewFlashSale definition, UUID admin, AuditTrail.Origin origin) {
        Instant now = Instant.now();
        if (!definition.endsAt().isAfter(definition.startsAt())) {
            return Mono.error(new FlashSaleErrors.InvalidSaleInput("endsAt", "The sale must end after it starts"));
        }
        if (!definition.endsAt().isAfter(now)) {
            return Mono.error(new FlashSaleErrors.InvalidSaleInput("endsAt", "The sale must end in the future"));
        }
        Duration hold = definition.hold() != null ? definition.hold() : properties.reservationHold();
        if (hold.isNegative() || hold.toSeconds() < 1 || hold.compareTo(MAX_HOLD) > 0) {
            return Mono.error(new FlashSaleErrors.InvalidSaleInput("holdSeconds",
                    "The hold must be between 1 second and 24 hours"));
        }
        return catalog.findVariant(definition.variantId())
                .switchIfEmpty(Mono.error(UnknownVariant::new))
                .flatMap(variant -> {
                    FlashSaleRow row = new FlashSaleRow(Ids.newId(), variant.variantId(), definition.name(),
                            definition.priceMinor(), variant.price().currency(), definition.quantity(), 0, 0,
                            definition.perCustomerLimit(), (int) hold.toSeconds(), definition.startsAt(),
                            definition.endsAt(), null, now);
                    return ledger.reserveForSale(variant.variantId(), definition.quantity(),
                                    Movement.ofSale(Movement.FLASH_SALE_POOL, row.id(), admin))
                            .flatMap(level -> sales.insert(row, admin).thenReturn(level))
                            .flatMap(level -> audit.record("inventory.flash_sale.created", admin, row.id(), origin, Map.of(
                                    "variantId", row.variantId().toString(), "quantity", row.quantity(),
                                    "priceMinor", row.priceMinor(), "startsAt", row.startsAt().toString(),
                                    "endsAt", row.endsAt().toString())).thenReturn(level))
                            .as(tx::transactional)
                            // Lower the gate to the committed truth; never below it, never negative.
                            .flatMap(level -> ledger.lowerGate(variant.variantId(), level.available()))
                            .then(find(row.id()));
                });
    }
}
