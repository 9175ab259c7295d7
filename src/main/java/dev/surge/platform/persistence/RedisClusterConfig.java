package dev.surge.platform.persistence;

import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.util.StringUtils;

/**
 * Redis Cluster: when {@code surge.redis.cluster-nodes} ({@code SURGE_REDIS_CLUSTER_NODES}) lists seed nodes
 * ({@code host:port,host:port}), Spring Boot builds Lettuce's cluster client from this configuration instead of the
 * standalone one ({@code spring.data.redis.host/port/database} are then ignored: a cluster has only database 0).
 * Topology refresh (adaptive on MOVED/ASK and reconnects, and periodic) is set by
 * {@code spring.data.redis.lettuce.cluster.refresh.*} in application.yml, which Boot applies only to a cluster.
 * <p>
 * An empty setting means standalone Redis. Spring's own {@code spring.data.redis.cluster.nodes} works too; this
 * setting exists because an empty {@code spring.data.redis.cluster.nodes} would still switch Boot to cluster mode.
 * Every multi-key script keeps its keys under one hash tag: see docs/architecture.md, "Redis keys and Cluster slots".
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisClusterConfig.NodesListed.class)
class RedisClusterConfig {

    static final String NODES = "surge.redis.cluster-nodes";

    @Bean
    RedisClusterConfiguration redisClusterConfiguration(@Value("${" + NODES + "}") String nodes,
            @Value("${surge.redis.cluster-max-redirects:5}") int maxRedirects) {
        List<String> seeds = Arrays.stream(nodes.split(",")).map(String::trim).filter(StringUtils::hasText).toList();
        RedisClusterConfiguration cluster = new RedisClusterConfiguration(seeds);
        cluster.setMaxRedirects(maxRedirects);
        return cluster;
    }

    static final class NodesListed implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty(NODES));
        }
    }
}
