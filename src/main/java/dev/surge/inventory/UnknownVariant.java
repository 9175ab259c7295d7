package dev.surge.inventory;

import dev.surge.platform.errors.NotFoundException;

/** The catalog has no such variant. */
public class UnknownVariant extends NotFoundException {

    public UnknownVariant() {
        super("variant_not_found", "There is no such variant");
    }
}
