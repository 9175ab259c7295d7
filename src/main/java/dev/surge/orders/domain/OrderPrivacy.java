package dev.surge.orders.domain;

import dev.surge.identity.AccountErased;
import dev.surge.identity.IdentityEvents;
import dev.surge.orders.OrdersApi;
import dev.surge.orders.data.OrderPrivacyQueries;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventHandlers;
import dev.surge.platform.privacy.ErasedValues;
import dev.surge.platform.privacy.PersonalDataSection;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * The orders module's part of personal data. Export ({@code orders}): every order of the account as receipts show
 * it, with lines, totals, addresses, status and shipment. Erasure: orders are kept (the seller's books and the tax
 * authority need them for the legal retention period) with the buyer's email replaced by
 * {@link ErasedValues#EMAIL} and every part of both addresses but country and region by {@link ErasedValues#TEXT};
 * one idempotent statement, so a redelivered event changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class OrderPrivacy {

    @Bean
    PersonalDataSection ordersSection(OrdersApi orders) {
        return new PersonalDataSection() {
            @Override
            public String name() {
                return "orders";
            }

            @Override
            public Mono<Object> export(UUID accountId) {
                return orders.orderIdsOf(accountId).concatMap(orders::details).collectList().map(list -> (Object) list);
            }
        };
    }

    @Bean
    EventHandler<AccountErased> ordersAccountErasure(OrderPrivacyQueries privacy) {
        return EventHandlers.of("orders.account-erasure", IdentityEvents.TOPIC, AccountErased.class,
                (event, metadata) -> privacy.anonymise(event.userId(), ErasedValues.EMAIL, ErasedValues.TEXT).then());
    }
}
