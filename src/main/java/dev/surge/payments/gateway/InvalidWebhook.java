package dev.surge.payments.gateway;

import dev.surge.platform.errors.InvalidInputException;

/**
 * A webhook delivery that cannot be shown to come from the provider: no or a malformed signature header,
 * a signature that matches none of the configured secrets, a timestamp outside the tolerance (a replay), or
 * a signed body that is not the provider's JSON. Answered 400, and nothing is recorded or changed. The
 * members say which.
 */
public abstract class InvalidWebhook extends InvalidInputException {

    public static final String SIGNATURE_MALFORMED = "webhook_signature_malformed";
    public static final String SIGNATURE_INVALID = "webhook_signature_invalid";
    public static final String TIMESTAMP_TOO_OLD = "webhook_timestamp_too_old";
    public static final String MALFORMED = "webhook_malformed";

    private InvalidWebhook(String code, String message) {
        super(code, message);
    }

    /** The signature header is missing or not of the provider's form. */
    public static final class MalformedSignature extends InvalidWebhook {
        public MalformedSignature(String provider, String why) {
            super(SIGNATURE_MALFORMED, provider + " webhook signature header " + why);
        }
    }

    /** No configured secret produces the signature. */
    public static final class BadSignature extends InvalidWebhook {
        public BadSignature(String provider) {
            super(SIGNATURE_INVALID, provider + " webhook signature does not match");
        }
    }

    /** The signed timestamp is older than the tolerance: possibly a captured delivery replayed. */
    public static final class TooOld extends InvalidWebhook {
        public TooOld(String provider) {
            super(TIMESTAMP_TOO_OLD, provider + " webhook timestamp is outside the tolerance");
        }
    }

    /** The body is signed but is not an event we can read. */
    public static final class MalformedBody extends InvalidWebhook {
        public MalformedBody(String provider, String why) {
            super(MALFORMED, provider + " webhook body " + why);
        }
    }
}
