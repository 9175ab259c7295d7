package dev.surge.catalog.domain;

import dev.surge.platform.errors.NotFoundException;

/** No such product, or not one the public may see. */
public class ProductNotFound extends NotFoundException {

    public ProductNotFound() {
        super("product_not_found", "There is no such product");
    }
}
