package dev.surge.cart.domain;

import dev.surge.cart.CartApi;
import dev.surge.cart.data.CartQueries;
import dev.surge.cart.data.CartStore;
import dev.surge.identity.AccountErased;
import dev.surge.identity.IdentityEvents;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventHandlers;
import dev.surge.platform.privacy.PersonalDataSection;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * The cart's part of personal data. Export ({@code cart}): the account's cart as it would be shown now. Erasure:
 * the cart is deleted from Redis (read and deleted in one script), from the write-behind queues, then from
 * PostgreSQL; each step finds nothing the second time, so a redelivered event changes nothing. (Guest carts hold no
 * account and expire on their own.)
 */
@Configuration(proxyBeanMethods = false)
class CartPrivacy {

    @Bean
    PersonalDataSection cartSection(CartApi carts) {
        return new PersonalDataSection() {
            @Override
            public String name() {
                return "cart";
            }

            @Override
            public Mono<Object> export(UUID accountId) {
                return carts.userCart(accountId).map(cart -> (Object) cart);
            }
        };
    }

    @Bean
    EventHandler<AccountErased> cartAccountErasure(CartStore store, CartQueries queries) {
        return EventHandlers.of("cart.account-erasure", IdentityEvents.TOPIC, AccountErased.class,
                (event, metadata) -> store.take(CartStore.userCartId(event.userId()))
                        .then(store.forgetDirty(event.userId()))
                        .then(queries.delete(event.userId()))
                        .then());
    }
}
