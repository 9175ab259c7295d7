package dev.surge.platform.persistence;

import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
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

    /**
     * Reconnect attempts at most a second apart. Lettuce's default doubles the wait up to 30 s, so after an outage of
     * some seconds the first attempt that can succeed came up to that long after Redis was back (every request
     * meanwhile answered 503); RedisOutageFaultIntegrationTests wants the instance serving within seconds.
     */
    @Bean
    ClientResourcesBuilderCustomizer reconnectQuickly() {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
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
