package dev.surge.payments;

import dev.surge.platform.errors.UnprocessableException;

/**
 * No enabled gateway takes payments in this currency: neither the one its routing names nor the default
 * is enabled. A configuration gap, not a shopper's mistake; answered 422 with code {@code no_payment_provider}.
 */
public class NoPaymentProvider extends UnprocessableException {

    public NoPaymentProvider(String currency) {
        super("no_payment_provider", "No payment provider is enabled for " + currency);
    }
}
