package dev.surge.inventory.web;

import dev.surge.inventory.InventoryApi;
import dev.surge.inventory.Reservation;
import dev.surge.inventory.ReservationNotFound;
import dev.surge.inventory.domain.FlashSaleErrors;
import dev.surge.inventory.domain.FlashSaleCampaigns;
import dev.surge.inventory.domain.FlashSaleClaims;
import dev.surge.inventory.domain.NewFlashSale;
import dev.surge.inventory.domain.StockRelease;
import dev.surge.inventory.web.InventoryRequests.ClaimRequest;
import dev.surge.inventory.web.InventoryRequests.CreateFlashSaleRequest;
import dev.surge.inventory.web.InventoryResponses.FlashSaleListResponse;
import dev.surge.inventory.web.InventoryResponses.ReservationResponse;
import dev.surge.platform.web.PathIds;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.QueryParams;
import dev.surge.platform.web.RequestBodies;
import java.time.Duration;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Flash sales for buyers (state, purchase attempts, their reservations) and for admins (campaigns). */
@Component
class FlashSaleHandler {

    private final FlashSaleCampaigns sales;
    private final FlashSaleClaims claims;
    private final InventoryApi inventory;
    private final StockRelease release;
    private final RequestBodies bodies;
    private final StockAdminHandler admin;

    FlashSaleHandler(FlashSaleCampaigns sales, FlashSaleClaims claims, InventoryApi inventory, StockRelease release,
            RequestBodies bodies, StockAdminHandler admin) {
        this.sales = sales;
        this.claims = claims;
        this.inventory = inventory;
        this.release = release;
        this.bodies = bodies;
        this.admin = admin;
    }

    Mono<ServerResponse> get(ServerRequest request) {
        return saleId(request).flatMap(sales::find)
                .flatMap(sale -> ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(sale));
    }

    Mono<ServerResponse> claim(ServerRequest request) {
        return saleId(request).flatMap(saleId -> Principals.current()
                .flatMap(caller -> bodies.read(request, ClaimRequest.class)
                        .flatMap(body -> claims.claim(saleId, caller.userId(), body.quantity())))
                .flatMap(claimed -> ServerResponse.status(HttpStatus.CREATED)
                        .bodyValue(ReservationResponse.of(claimed.reservation(), claimed.unitPrice()))));
    }

    Mono<ServerResponse> create(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> bodies.read(request, CreateFlashSaleRequest.class)
                        .flatMap(body -> sales.create(new NewFlashSale(body.name().strip(), body.variantId(),
                                body.priceMinor(), body.quantity(), body.perCustomerLimit(), body.startsAt(),
                                body.endsAt(), body.holdSeconds() == null ? null : Duration.ofSeconds(body.holdSeconds())),
                                caller.userId(), admin.origin(request))))
                .flatMap(sale -> ServerResponse.status(HttpStatus.CREATED).bodyValue(sale));
    }

    Mono<ServerResponse> list(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        int limit = params.integer("limit", 50, 1, 200);
        params.validate();
        return sales.recent(limit).collectList()
                .flatMap(items -> ServerResponse.ok().bodyValue(new FlashSaleListResponse(items)));
    }

    /** The caller's flash-sale holds that no order has taken over yet, at their sale prices. */
    Mono<ServerResponse> mine(ServerRequest request) {
        return Principals.current()
                .flatMapMany(caller -> inventory.saleHolds("user:" + caller.userId()))
                .map(hold -> InventoryResponses.ReservationResponse.of(hold.reservation(), hold.unitPrice()))
                .collectList()
                .flatMap(items -> ServerResponse.ok().cacheControl(CacheControl.noStore())
                        .bodyValue(new InventoryResponses.ReservationListResponse(items)));
    }

    /** The caller's own reservation; anyone else's is a 404. */
    Mono<ServerResponse> reservation(ServerRequest request) {
        return ownReservation(request).flatMap(this::respond);
    }

    /** Gives the caller's reservation back before it expires; releasing twice changes nothing. */
    Mono<ServerResponse> release(ServerRequest request) {
        return ownReservation(request).flatMap(reservation -> release.releaseByBuyer(reservation.id())).flatMap(this::respond);
    }

    private Mono<ServerResponse> respond(Reservation reservation) {
        Mono<ReservationResponse> body = reservation.flashSaleId() == null
                ? Mono.just(ReservationResponse.of(reservation, null))
                : sales.find(reservation.flashSaleId()).map(sale -> ReservationResponse.of(reservation, sale.price()));
        return body.flatMap(response -> ServerResponse.ok().bodyValue(response));
    }

    private Mono<Reservation> ownReservation(ServerRequest request) {
        return Mono.fromSupplier(() -> PathIds.required(request, "reservationId", ReservationNotFound::new))
                .flatMap(id -> Principals.current().flatMap(caller -> inventory.find(id)
                .filter(reservation -> reservation.owner().equals("user:" + caller.userId()))
                .switchIfEmpty(Mono.error(ReservationNotFound::new))));
    }

    private static Mono<UUID> saleId(ServerRequest request) {
        return Mono.fromSupplier(() -> PathIds.required(request, "saleId", FlashSaleErrors.FlashSaleNotFound::new));
    }
}
