/**
 * Taking money for orders through payment providers, and giving it back.
 * <p>
 * The provider layer: a provider-neutral gateway interface ({@code gateway.PaymentGateway}: initialize, verify,
 * refund, list transactions, parse a signed webhook), its adapters for Stripe ({@code stripe}), Paystack
 * ({@code paystack}) and a local sandbox ({@code sandbox}), the choice of gateway per payment by name or by
 * currency ({@code gateway.PaymentGateways}), and the resilience around every provider call (timeouts, retries
 * of idempotent calls only, one circuit breaker per gateway). On top of it ({@code domain}, {@code data},
 * {@code web}): payments of orders, provider events applied exactly once in effect (stored under
 * {@code (provider, event id)}, applied in the transaction that moves the payment and the order, retried from
 * storage), refunds, and reconciliation with the providers' lists. Orders are reached only through
 * {@code OrdersApi}.
 * <p>
 * Invariants the layer keeps for what comes next: amounts cross it as {@code Money} in the currency's ISO
 * minor unit whatever unit the provider counts in; a webhook becomes a {@code PaymentEvent} only after its
 * signature checked out; a provider that cannot answer shows as {@link dev.surge.payments.PaymentProviderUnavailable}
 * (503, retry later, nothing changed), one that refuses as {@link dev.surge.payments.PaymentProviderRejected}.
 */
@ApplicationModule(displayName = "Payments", allowedDependencies = {"platform", "orders"})
package dev.surge.payments;

import org.springframework.modulith.ApplicationModule;
