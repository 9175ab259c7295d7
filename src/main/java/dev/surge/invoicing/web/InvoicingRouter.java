package dev.surge.invoicing.web;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** An order's invoice and credit notes; each route names its OpenAPI description in {@link InvoicingApiDocs}. */
@Configuration(proxyBeanMethods = false)
class InvoicingRouter {

    @Bean
    RouterFunction<ServerResponse> invoicingRoutes(InvoicingHandler h) {
        return SpringdocRouteBuilder.route()
                .GET("/api/v1/orders/{orderId}/invoice", h::invoice, InvoicingApiDocs::getInvoice)
                .GET("/api/v1/orders/{orderId}/credit-notes", h::creditNotes, InvoicingApiDocs::listCreditNotes)
                .GET("/api/v1/orders/{orderId}/credit-notes/{creditNoteId}", h::creditNote,
                        InvoicingApiDocs::getCreditNote)
                .build();
    }
}
