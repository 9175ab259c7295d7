package dev.surge.wishlists.domain;

import dev.surge.identity.AccountErased;
import dev.surge.identity.IdentityEvents;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventHandlers;
import dev.surge.platform.privacy.PersonalDataSection;
import dev.surge.wishlists.data.WishlistQueries;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * The wishlists' part of privacy requests: the account's wishlist in its data export (section {@code "wishlists"}),
 * and on {@link AccountErased} the whole wishlist deleted (nothing in it must be kept). Applying it again deletes
 * nothing more.
 */
@Configuration(proxyBeanMethods = false)
class WishlistPrivacy {

    /** A wished variant as the export shows it. */
    record ExportedItem(UUID variantId, UUID productId, boolean alerts, Instant addedAt) {
    }

    @Bean
    PersonalDataSection wishlistsSection(WishlistQueries items) {
        return new PersonalDataSection() {
            @Override
            public String name() {
                return "wishlists";
            }

            @Override
            public Mono<Object> export(UUID accountId) {
                return items.items(accountId, Integer.MAX_VALUE)
                        .map(row -> new ExportedItem(row.variantId(), row.productId(), row.alerts(), row.addedAt()))
                        .collectList()
                        .map(list -> (Object) list);
            }
        };
    }

    @Bean
    EventHandler<AccountErased> wishlistsAccountErased(WishlistQueries items) {
        return EventHandlers.of("wishlists.account-erased", IdentityEvents.TOPIC, AccountErased.class,
                (event, metadata) -> items.removeAll(event.userId()).then());
    }
}
