/**
 * The public catalog: merchants' products with their variants, prices and images, the category tree,
 * and search. Reads are served from PostgreSQL with product detail cached in Redis; the cache is
 * invalidated by {@link dev.surge.catalog.ProductChanged} events that travel through the outbox and Kafka, and
 * by identity's {@code MerchantStatusChanged} (a suspended merchant's products leave the storefront). The running
 * rating of each product is moved by the reviews module through {@link dev.surge.catalog.CatalogRatings}.
 */
@ApplicationModule(displayName = "Catalog", allowedDependencies = {"platform", "identity"})
package dev.surge.catalog;

import org.springframework.modulith.ApplicationModule;
