package dev.surge.payments.gateway;

import dev.surge.platform.errors.InvalidInputException;

/**
 * A webhook delivery that cannot be shown to come from the provider: no or a malformed signature header,
 * a signature that matches none of the configured secrets, a timestamp outside the tolerance (a replay), or
 * a signed body that is not the provider's JSON. Answered 400, and nothing is recorded or changed.
 */
public class InvalidWebhook extends InvalidInputException {

    public InvalidWebhook(String code, String message) {
        super(code, message);
    }

    /** The signature header is missing or not of the provider's form. */
    public static InvalidWebhook malformedSignature(String provider, String why) {
        return new InvalidWebhook("webhook_signature_malformed", provider + " webhook signature header " + why);
    }

    /** No configured secret produces the signature. */
    public static InvalidWebhook badSignature(String provider) {
        return new InvalidWebhook("webhook_signature_invalid", provider + " webhook signature does not match");
    }

    /** The signed timestamp is older than the tolerance: possibly a captured delivery replayed. */
    public static InvalidWebhook tooOld(String provider) {
        return new InvalidWebhook("webhook_timestamp_too_old", provider + " webhook timestamp is outside the tolerance");
    }

    /** The body is signed but is not an event we can read. */
    public static InvalidWebhook malformedBody(String provider, String why) {
        return new InvalidWebhook("webhook_malformed", provider + " webhook body " + why);
    }
}
