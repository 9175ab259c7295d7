package dev.surge.payments.gateway;

import java.net.URI;

/**
 * A payment started at a provider.
 *
 * @param providerReference the provider's id of it ({@code pi_...} at Stripe, the transaction reference at Paystack)
 * @param clientSecret      for providers paid in an embedded form (Stripe's Payment Element), else null;
 *                          give it only to the paying shopper
 * @param authorizationUrl  for redirect providers (Paystack, the sandbox): where to send the shopper, else null
 * @param status            where the payment stands, usually {@link ProviderPaymentStatus#PENDING}
 */
public record InitializedPayment(String provider, String providerReference, String clientSecret,
        URI authorizationUrl, ProviderPaymentStatus status) {
}
