package dev.surge.invoicing.domain;

import dev.surge.orders.OrderEvents;
import dev.surge.orders.OrderPaid;
import dev.surge.orders.OrderRefunded;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The documents events become. Each handler is applied once per event id by the platform's consumers (retried,
 * then dead-lettered), and what it makes is also unique per order (an invoice) or per refund (a credit note), so
 * a replayed or repeated event finds the document it made and makes no second one. Names never change: they are
 * the consumer groups and idempotency keys.
 */
@Configuration(proxyBeanMethods = false)
class InvoicingHandlers {

    /** A paid order gets its invoice, numbered and rendered. */
    @Bean
    EventHandler<OrderPaid> invoiceIssuer(Invoices invoices) {
        return EventHandlers.of("invoicing.invoice", OrderEvents.TOPIC, OrderPaid.class,
                (event, metadata) -> invoices.issueRendered(event.orderId()).then());
    }

    /** A refund the provider confirmed gets its credit note, referring to the order's invoice. */
    @Bean
    EventHandler<OrderRefunded> creditNoteIssuer(CreditNotes creditNotes) {
        return EventHandlers.of("invoicing.credit-note", OrderEvents.TOPIC, OrderRefunded.class,
                (event, metadata) -> creditNotes.issueRendered(event.orderId(), event.refundReference(),
                        event.amount()).then());
    }
}
