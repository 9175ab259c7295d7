package dev.surge.platform.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How requests reach the modules' router functions: see {@link RoutePrefixes}. */
@Configuration(proxyBeanMethods = false)
class RoutingConfig {

    @Bean
    static BeanPostProcessor routePrefixGuards() {
        return RoutePrefixes.guardEveryRouter();
    }
}
