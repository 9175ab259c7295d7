package dev.surge.payments;

import dev.surge.platform.errors.UnprocessableException;

/**
 * The provider answered and refused the call (a 4xx: an invalid or over-large refund, an unknown payment,
 * an amount it cannot take). Repeating it would fail the same way, so it is never retried and does not
 * count against the provider's circuit breaker. Answered 422 with code {@code payment_provider_rejected}.
 */
public class PaymentProviderRejected extends UnprocessableException {

    private final String provider;
    private final int providerStatus;
    private final String providerCode;

    /**
     * @param providerStatus HTTP status the provider answered
     * @param providerCode   the provider's own error code when it gave one ({@code amount_too_large}...), else null
     * @param message        the provider's explanation, safe to show to staff (never contains our secrets)
     */
    public PaymentProviderRejected(String provider, int providerStatus, String providerCode, String message) {
        super("payment_provider_rejected", "The payment provider " + provider + " refused the request"
                + (message == null || message.isBlank() ? "" : ": " + message));
        this.provider = provider;
        this.providerStatus = providerStatus;
        this.providerCode = providerCode;
    }

    public String provider() {
        return provider;
    }

    public int providerStatus() {
        return providerStatus;
    }

    public String providerCode() {
        return providerCode;
    }
}
