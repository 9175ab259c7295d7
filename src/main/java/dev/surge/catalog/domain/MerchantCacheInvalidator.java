package dev.surge.catalog.domain;

import dev.surge.identity.IdentityEvents;
import dev.surge.identity.MerchantStatusChanged;
import dev.surge.platform.events.EventHandler;
import dev.surge.platform.events.EventHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalog's reaction to a merchant suspended or reinstated: its products' pages and every list are dropped. */
@Configuration(proxyBeanMethods = false)
class MerchantCacheInvalidator {

    @Bean
    EventHandler<MerchantStatusChanged> merchantStatusCache(CatalogCaches caches) {
        return EventHandlers.of("catalog.merchant-status", IdentityEvents.TOPIC, MerchantStatusChanged.class,
                (event, metadata) -> caches.merchantChanged(event.merchantId()));
    }
}
