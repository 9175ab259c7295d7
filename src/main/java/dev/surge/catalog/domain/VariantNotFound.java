package dev.surge.catalog.domain;

import dev.surge.platform.errors.NotFoundException;

/** No such variant of this product. */
public class VariantNotFound extends NotFoundException {

    public VariantNotFound() {
        super("variant_not_found", "There is no such variant of this product");
    }
}
