package dev.surge.orders.web;

import dev.surge.platform.idempotency.Idempotency;
import java.util.Objects;
import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Checkout, customers' and guests' orders, sellers' order lines, fulfilment and the back office; each route
 * names its OpenAPI description in {@link OrdersApiDocs}.
 */
@Configuration(proxyBeanMethods = false)
class OrdersRouter {

    @Bean
    RouterFunction<ServerResponse> checkoutRoute(OrdersHandler h, Idempotency idempotency) {
        // The key is scoped to the customer, or to the guest's cart token; guests without one share a scope,
        // where the body fingerprint (email, address, lines) still keeps one guest's answer from another.
        var keyed = idempotency.required(Idempotency.callerOr(request -> Objects.requireNonNullElse(
                OrdersHandler.cartToken(request), "no-cart-token")));
        return SpringdocRouteBuilder.route()
                .POST("/api/v1/orders", keyed.apply(h::checkout), OrdersApiDocs::checkout)
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> ordersRoutes(OrdersHandler h, OrderExportHandler export) {
        return SpringdocRouteBuilder.route()
                .GET("/api/v1/orders", h::mine, OrdersApiDocs::listMyOrders)
                .POST("/api/v1/orders/lookup", h::lookup, OrdersApiDocs::lookupGuestOrder)
                .GET("/api/v1/orders/{orderId}", h::mineOne, OrdersApiDocs::getMyOrder)
                .POST("/api/v1/orders/{orderId}/cancel", h::cancel, OrdersApiDocs::cancelMyOrder)
                .GET("/api/v1/merchants/{merchantId}/order-lines", h::merchantLines, OrdersApiDocs::listMerchantOrderLines)
                .GET("/api/v1/fulfilment/orders", h::staffList, OrdersApiDocs::listOrdersToFulfil)
                .GET("/api/v1/fulfilment/orders/{orderId}", h::staffOne, OrdersApiDocs::getOrderToFulfil)
                .POST("/api/v1/fulfilment/orders/{orderId}/start", h::startFulfilment, OrdersApiDocs::startFulfilment)
                .POST("/api/v1/fulfilment/orders/{orderId}/ship", h::ship, OrdersApiDocs::shipOrder)
                .POST("/api/v1/fulfilment/orders/{orderId}/deliver", h::deliver, OrdersApiDocs::deliverOrder)
                .GET("/api/v1/admin/orders", h::staffList, OrdersApiDocs::listAllOrders)
                .GET("/api/v1/admin/orders/export.csv", export::exportCsv, OrdersApiDocs::exportOrdersCsv)
                .GET("/api/v1/merchants/{merchantId}/order-lines/export.csv", export::sellerExportCsv,
                        OrdersApiDocs::exportMerchantOrderLinesCsv)
                .GET("/api/v1/admin/orders/{orderId}", h::staffOne, OrdersApiDocs::getAnyOrder)
                .POST("/api/v1/admin/orders/{orderId}/status", h::adminStatus, OrdersApiDocs::setOrderStatus)
                .build();
    }
}
