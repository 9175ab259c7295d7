package dev.surge.catalog.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo catalog seeding.
 *
 * @param products how many products the catalog should hold; the seeder adds what is missing (0: off)
 * @param seed     random seed, so the same size gives the same catalog
 * @param accounts one account of every role with a known password, created at start-up by the identity module's
 *                 {@code DemoAccounts} (customer, seller of the demo merchant, fulfilment, finance, admin); on in the
 *                 local run and the Compose demo, never in production
 * @param sellerMerchant slug of the merchant the demo seller belongs to (made if missing): the demo catalog's first
 *                 merchant, so the seller has products
 */
@ConfigurationProperties("surge.demo")
public record DemoProperties(@DefaultValue("0") int products, @DefaultValue("20261122") long seed,
        @DefaultValue("false") boolean accounts,
        @DefaultValue("demo-0") String sellerMerchant) {
}
