package dev.surge.promotions.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Promotion settings.
 *
 * @param cacheTtl how often each instance reloads the live promotions it prices carts with (a change made on this
 *                 instance reloads them at once; other instances see it within this time)
 * @param maxCodeLength longest code accepted
 */
@ConfigurationProperties("surge.promotions")
public record PromotionsProperties(@DefaultValue("5s") Duration cacheTtl, @DefaultValue("40") int maxCodeLength) {
}
