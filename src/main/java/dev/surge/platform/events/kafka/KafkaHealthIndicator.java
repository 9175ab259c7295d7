package dev.surge.platform.events.kafka;

import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code kafka} health: UP when the brokers answer a cluster description within three seconds. */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractReactiveHealthIndicator {

    private final ReactorKafkaTransport transport;

    KafkaHealthIndicator(ReactorKafkaTransport transport) {
        super("Kafka health check failed");
        this.transport = transport;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return transport.clusterSize()
                .timeout(Duration.ofSeconds(3))
                .map(nodes -> builder.up().withDetail("nodes", nodes).build());
    }
}
