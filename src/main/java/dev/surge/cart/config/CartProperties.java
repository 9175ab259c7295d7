package dev.surge.cart.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cart settings.
 *
 * @param guestTtl          how long a guest cart lives after its last use (each read or change extends it)
 * @param userTtl           how long a signed-in cart stays in Redis after its last use; it is restored from
 *                          PostgreSQL when used again after that
 * @param maxQuantity       most units of one variant in one cart
 * @param maxLines          most distinct variants in one cart
 * @param variantCacheTtl   how long an instance reuses a variant's catalog snapshot (price, title,
 *                          purchasable) before asking the catalog again: the most a shown price can lag
 * @param variantCacheSize  most snapshots one instance keeps
 * @param flushInterval     how often each instance writes changed signed-in carts to PostgreSQL
 * @param flushBatch        carts written per round and instance
 * @param flushLease        how long a claimed cart may stay unwritten (a crashed instance) before another
 *                          instance writes it
 * @param cookieSecure      whether the guest cart cookie is {@code Secure} (HTTPS only); off only for
 *                          plain-HTTP development against another host than localhost
 */
@ConfigurationProperties("surge.cart")
public record CartProperties(
        @DefaultValue("7d") Duration guestTtl,
        @DefaultValue("30d") Duration userTtl,
        @DefaultValue("100") int maxQuantity,
        @DefaultValue("100") int maxLines,
        @DefaultValue("5s") Duration variantCacheTtl,
        @DefaultValue("10000") int variantCacheSize,
        @DefaultValue("1s") Duration flushInterval,
        @DefaultValue("200") int flushBatch,
        @DefaultValue("30s") Duration flushLease,
        @DefaultValue("true") boolean cookieSecure) {
}
