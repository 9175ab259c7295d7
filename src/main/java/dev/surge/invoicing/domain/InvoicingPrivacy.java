package dev.surge.invoicing.domain;

import dev.surge.identity.AccountErased;
import dev.surge.identity.IdentityEvents;
import dev.surge.invoicing.data.DocumentQueries;
import dev.surge.orders.OrdersApi;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventHandlers;
import dev.surge.platform.privacy.ErasedValues;
import dev.surge.platform.privacy.PersonalDataSection;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * Invoicing's part of personal data. Invoices and credit notes are legal documents the seller must keep, numbered
 * without gaps, so an erasure never deletes or renumbers one: it replaces the buyer in the stored document (name
 * {@link ErasedValues#TEXT}, no email, no address lines), marks it {@code anonymised_at} and drops its PDF, which is
 * rendered again from the anonymised document the next time anyone asks for it (number, dates, lines and amounts
 * as before). Export ({@code invoices}): number, kind, order, amount and date of each document (the PDFs stay
 * downloadable by the buyer). The account's orders are found through {@code OrdersApi.orderIdsOf}.
 */
@Configuration(proxyBeanMethods = false)
class InvoicingPrivacy {

    static final InvoiceDocument.Buyer ERASED_BUYER = new InvoiceDocument.Buyer(ErasedValues.TEXT, null, List.of(),
            List.of());

    @Bean
    PersonalDataSection invoicesSection(OrdersApi orders, DocumentQueries documents) {
        return new PersonalDataSection() {
            @Override
            public String name() {
                return "invoices";
            }

            @Override
            public Mono<Object> export(UUID accountId) {
                return orders.orderIdsOf(accountId).collectList()
                        .flatMap(ids -> documents.summaries(ids.toArray(UUID[]::new)).collectList())
                        .map(list -> (Object) list);
            }
        };
    }

    @Bean
    EventHandler<AccountErased> invoicingAccountErasure(OrdersApi orders, DocumentQueries documents) {
        return EventHandlers.of("invoicing.account-erasure", IdentityEvents.TOPIC, AccountErased.class,
                (event, metadata) -> orders.orderIdsOf(event.userId()).collectList()
                        .flatMap(ids -> documents.anonymise(ids.toArray(UUID[]::new), ERASED_BUYER))
                        .then());
    }
}
