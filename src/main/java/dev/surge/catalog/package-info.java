/**
 * The public catalog: merchants' products with their variants, prices and images, the category tree,
 * and search. Reads are served from PostgreSQL with product detail cached in Redis; the cache is
 * invalidated by {@link dev.surge.catalog.ProductChanged} events that travel through the outbox and Kafka.
 */
@ApplicationModule(displayName = "Catalog", allowedDependencies = {"platform", "identity"})
package dev.surge.catalog;

import org.springframework.modulith.ApplicationModule;
