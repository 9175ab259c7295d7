package dev.surge.catalog.domain;

/** Where a product is in its life: only ACTIVE products are public. */
public enum ProductStatus {
    DRAFT, ACTIVE, ARCHIVED
}
