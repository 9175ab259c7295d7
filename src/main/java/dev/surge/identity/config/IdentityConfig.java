package dev.surge.identity.config;

import dev.surge.identity.IdentityEvents;
import dev.surge.platform.events.EventTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdentityConfig {

    @Bean
    EventTopic identityTopic() {
        return new EventTopic(IdentityEvents.TOPIC);
    }
}
