package dev.surge.platform.persistence;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
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

    /**
     * Lettuce's few I/O threads read every reply of the one shared connection. Left to emit on them, a
     * request's whole continuation after a Redis reply (token checks, JSON, SQL) would run there, and under
     * a burst of a thousand buyers the replies behind it wait until their commands time out. Emitting on
     * Lettuce's computation pool keeps the I/O threads reading.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer emitOffTheIoThreads() {
        return options -> options.publishOnScheduler(true);
    }

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
