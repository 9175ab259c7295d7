package dev.surge.catalog.config;

import dev.surge.catalog.ProductChanged;
import dev.surge.platform.events.EventTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CatalogConfig {

    @Bean
    EventTopic catalogTopic() {
        return new EventTopic(ProductChanged.TOPIC);
    }
}
