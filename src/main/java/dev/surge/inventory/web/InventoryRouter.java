package dev.surge.inventory.web;

import dev.surge.platform.idempotency.Idempotency;
import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Flash sales, reservations and the back office's stock endpoints. */
@Configuration(proxyBeanMethods = false)
class InventoryRouter {

    @Bean
    @Order(3) // flash-sale attempts are tried early (see RoutePrefixes)
    RouterFunction<ServerResponse> inventoryRoutes(FlashSaleHandler sales, StockAdminHandler stock,
            Idempotency idempotency) {
        // A retried attempt with the same Idempotency-Key answers the first one's reservation again; a refusal
        // (sold out, not active, over the limit) is not kept, so the retry is decided anew.
        var keyed = idempotency.optional(Idempotency.caller());
        return SpringdocRouteBuilder.route()
                .GET("/api/v1/flash-sales/{saleId}", sales::get, InventoryApiDocs::getFlashSale)
                .POST("/api/v1/flash-sales/{saleId}/reservations", keyed.apply(sales::claim),
                        InventoryApiDocs::claimFlashSaleUnits)
                .GET("/api/v1/reservations", sales::mine, InventoryApiDocs::listMyReservations)
                .GET("/api/v1/reservations/{reservationId}", sales::reservation, InventoryApiDocs::getReservation)
                .DELETE("/api/v1/reservations/{reservationId}", sales::release, InventoryApiDocs::releaseReservation)
                .POST("/api/v1/admin/flash-sales", sales::create, InventoryApiDocs::createFlashSale)
                .GET("/api/v1/admin/flash-sales", sales::list, InventoryApiDocs::listFlashSales)
                .GET("/api/v1/admin/inventory", stock::report, InventoryApiDocs::stockReport)
                .GET("/api/v1/admin/inventory/{variantId}", stock::level, InventoryApiDocs::getStockLevel)
                .PUT("/api/v1/admin/inventory/{variantId}", stock::set, InventoryApiDocs::setStock)
                .POST("/api/v1/admin/inventory/{variantId}/adjustments", stock::adjust, InventoryApiDocs::adjustStock)
                .build();
    }
}
