package dev.surge.orders.config;

import dev.surge.orders.OrderEvents;
import dev.surge.platform.events.EventTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OrdersConfig {

    @Bean
    EventTopic ordersTopic() {
        return new EventTopic(OrderEvents.TOPIC);
    }
}
