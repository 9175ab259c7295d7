package dev.surge.catalog.domain;

import dev.surge.platform.errors.NotFoundException;

/** No such category, or not one the public may see. */
public class CategoryNotFound extends NotFoundException {

    public CategoryNotFound() {
        super("category_not_found", "There is no such category");
    }
}
