package dev.surge.catalog.domain;

import dev.surge.platform.errors.NotFoundException;

/** The catalog's typed errors. */
final class CatalogErrors {

    private CatalogErrors() {
    }

    static NotFoundException productNotFound() {
        return new NotFoundException("product_not_found", "There is no such product");
    }

    static NotFoundException categoryNotFound() {
        return new NotFoundException("category_not_found", "There is no such category");
    }

    static NotFoundException merchantNotFound() {
        return new NotFoundException("merchant_not_found", "There is no such merchant");
    }
}
