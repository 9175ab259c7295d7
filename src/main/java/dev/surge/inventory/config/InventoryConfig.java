package dev.surge.inventory.config;

import dev.surge.inventory.InventoryEvents;
import dev.surge.platform.events.EventTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InventoryConfig {

    @Bean
    EventTopic inventoryTopic() {
        return new EventTopic(InventoryEvents.TOPIC);
    }
}
