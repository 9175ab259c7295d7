package dev.surge.platform.persistence;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Opens the shared Lettuce connection at start-up. Left lazy, Spring Data Redis opens it on first use
 * with a blocking connect, which would stall the event loop that happens to serve the first Redis call.
 * Lettuce reconnects that same connection by itself afterwards.
 */
@Configuration(proxyBeanMethods = false)
class RedisConnectionConfig {

    @Bean
    static BeanPostProcessor eagerRedisConnection() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof LettuceConnectionFactory lettuce) {
                    lettuce.setEagerInitialization(true);
                }
                return bean;
            }
        };
    }
}
