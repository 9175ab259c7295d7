package dev.surge.catalog.domain;

import dev.surge.platform.errors.NotFoundException;

/** No such image on this product. */
public class ProductImageNotFound extends NotFoundException {

    public ProductImageNotFound() {
        super("image_not_found", "The product has no such image");
    }
}
