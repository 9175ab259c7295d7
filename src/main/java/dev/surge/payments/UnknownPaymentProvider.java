package dev.surge.payments;

import dev.surge.platform.errors.InvalidInputException;

/** A payment provider was asked for by a name that is not an enabled gateway here; answered 400. */
public class UnknownPaymentProvider extends InvalidInputException {

    public UnknownPaymentProvider(String provider) {
        super("unknown_payment_provider", "No enabled payment provider is called '" + provider + "'");
    }
}
