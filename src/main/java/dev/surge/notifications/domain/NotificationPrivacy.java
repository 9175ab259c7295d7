package dev.surge.notifications.domain;

import dev.surge.identity.AccountErased;
import dev.surge.identity.IdentityEvents;
import dev.surge.notifications.data.NotificationQueries;
import dev.surge.orders.OrdersApi;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventHandlers;
import dev.surge.platform.privacy.ErasedValues;
import dev.surge.platform.privacy.PersonalDataSection;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * The notifications' part of personal data: the lifecycle emails of the account's orders (found through
 * {@code OrdersApi.orderIdsOf}: orders keep their customer after an erasure, so this works whichever module handles
 * the event first). Account emails (verification, reset, new device, 2FA, export links) are sent from their
 * events and never stored. Export ({@code emails}): what was sent to the buyer, when, with which subject. Erasure:
 * the records stay (what was sent, when) with the buyer's address replaced, unsent ones not sent, and the shipping
 * address gone from every one's values; one idempotent statement.
 */
@Configuration(proxyBeanMethods = false)
class NotificationPrivacy {

    @Bean
    PersonalDataSection emailsSection(OrdersApi orders, NotificationQueries queries) {
        return new PersonalDataSection() {
            @Override
            public String name() {
                return "emails";
            }

            @Override
            public Mono<Object> export(UUID accountId) {
                return orders.orderIdsOf(accountId).collectList()
                        .flatMap(ids -> queries.buyerEmails(ids.toArray(UUID[]::new)).collectList())
                        .map(list -> (Object) list);
            }
        };
    }

    @Bean
    EventHandler<AccountErased> notificationsAccountErasure(OrdersApi orders, NotificationQueries queries) {
        return EventHandlers.of("notifications.account-erasure", IdentityEvents.TOPIC, AccountErased.class,
                (event, metadata) -> orders.orderIdsOf(event.userId()).collectList()
                        .flatMap(ids -> queries.anonymise(ids.toArray(UUID[]::new), ErasedValues.EMAIL))
                        .then());
    }
}
