package dev.surge.catalog.domain;

import dev.surge.platform.errors.NotFoundException;

/** No such merchant, or not one the public may see. */
public class MerchantNotFound extends NotFoundException {

    public MerchantNotFound() {
        super("merchant_not_found", "There is no such merchant");
    }
}
