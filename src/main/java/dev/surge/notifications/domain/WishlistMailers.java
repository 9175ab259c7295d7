package dev.surge.notifications.domain;

import dev.surge.catalog.CatalogApi;
import dev.surge.catalog.VariantSnapshot;
import dev.surge.identity.IdentityApi;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventHandlers;
import dev.surge.platform.events.EventMetadata;
import dev.surge.platform.persistence.Money;
import dev.surge.wishlists.WishedVariantBackInStock;
import dev.surge.wishlists.WishedVariantPriceDropped;
import dev.surge.wishlists.WishlistEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * Wishlist alerts, to the customer who asked for them: back in stock, and a price drop. The wishlists module decides
 * who is told (once per change: one event per customer and change); these handlers record the email in the
 * {@code notifications} table like every lifecycle email (unique per event, template and recipient), and the
 * dispatcher sends it. An account without an email address (erased since) gets nothing.
 */
@Configuration(proxyBeanMethods = false)
class WishlistMailers {

    static final String BACK_IN_STOCK = "wishlist-back-in-stock";
    static final String PRICE_DROP = "wishlist-price-drop";

    @Bean
    EventHandler<WishedVariantBackInStock> wishlistBackInStockMailer(WishlistNotices notices) {
        return EventHandlers.of("notifications.wishlist-back-in-stock", WishlistEvents.TOPIC,
                WishedVariantBackInStock.class, (event, metadata) -> notices.record(metadata, event.userId(),
                        event.variantId(), variant -> notice(BACK_IN_STOCK,
                                variant.productTitle() + " is back in stock", variant, Map.of())));
    }

    @Bean
    EventHandler<WishedVariantPriceDropped> wishlistPriceDropMailer(WishlistNotices notices) {
        return EventHandlers.of("notifications.wishlist-price-drop", WishlistEvents.TOPIC,
                WishedVariantPriceDropped.class, (event, metadata) -> notices.record(metadata, event.userId(),
                        event.variantId(), variant -> notice(PRICE_DROP,
                                variant.productTitle() + " is now " + Formats.amount(Money.of(event.nowMinor(),
                                        event.currency())), variant,
                                Map.of("was", Formats.amount(Money.of(event.wasMinor(), event.currency())),
                                        "now", Formats.amount(Money.of(event.nowMinor(), event.currency()))))));
    }

    /** A notice without its recipient (filled in by {@link WishlistNotices}). */
    private static Notice notice(String template, String subject, VariantSnapshot variant, Map<String, Object> extra) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("title", variant.productTitle());
        item.put("variant", variant.variantTitle() == null ? "" : variant.variantTitle());
        item.put("sku", variant.sku());
        item.put("price", Formats.amount(variant.price()));
        Map<String, Object> model = new LinkedHashMap<>(extra);
        model.put("item", item);
        return new Notice(null, template, subject, model, null, variant.merchantId());
    }

    /** Finds the customer's address and the variant, and records the notice for them. */
    @org.springframework.stereotype.Component
    static class WishlistNotices {

        private final IdentityApi identity;
        private final CatalogApi catalog;
        private final Notifications notifications;

        WishlistNotices(IdentityApi identity, CatalogApi catalog, Notifications notifications) {
            this.identity = identity;
            this.catalog = catalog;
            this.notifications = notifications;
        }

        Mono<Void> record(EventMetadata metadata, UUID userId, UUID variantId, Function<VariantSnapshot, Notice> notice) {
            return Mono.zip(identity.email(userId), catalog.findVariant(variantId))
                    .map(found -> {
                        Notice drafted = notice.apply(found.getT2());
                        return new Notice(found.getT1(), drafted.template(), drafted.subject(), drafted.model(), null,
                                drafted.merchantId());
                    })
                    .flatMap(ready -> notifications.record(metadata, List.of(ready)));
        }
    }
}
