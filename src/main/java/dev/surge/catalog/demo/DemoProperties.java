package dev.surge.catalog.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo catalog seeding.
 *
 * @param products how many products the catalog should hold; the seeder adds what is missing (0: off)
 * @param seed     random seed, so the same size gives the same catalog
 */
@ConfigurationProperties("surge.demo")
public record DemoProperties(@DefaultValue("0") int products, @DefaultValue("20261122") long seed) {
}
