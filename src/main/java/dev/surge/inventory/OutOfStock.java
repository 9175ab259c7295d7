package dev.surge.inventory;

import dev.surge.platform.errors.ConflictException;
import java.util.UUID;

/** Not enough units of a variant can be held right now. */
public class OutOfStock extends ConflictException {

    private final UUID variantId;

    public OutOfStock(UUID variantId) {
        super("out_of_stock", "Not enough units of variant " + variantId + " are available");
        this.variantId = variantId;
    }

    public UUID variantId() {
        return variantId;
    }
}
