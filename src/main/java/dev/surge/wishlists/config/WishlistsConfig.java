package dev.surge.wishlists.config;

import dev.surge.platform.events.EventTopic;
import dev.surge.wishlists.WishlistEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The wishlists' topic. */
@Configuration(proxyBeanMethods = false)
class WishlistsConfig {

    @Bean
    EventTopic wishlistsTopic() {
        return new EventTopic(WishlistEvents.TOPIC);
    }
}
