package dev.surge.payments.gateway;

import java.time.Instant;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One payment provider behind a provider-neutral interface. Amounts are {@link dev.surge.platform.persistence.Money}
 * in the currency's ISO 4217 minor unit on both sides; an adapter converts where its provider counts
 * otherwise. Nothing blocks: every call is non-blocking I/O.
 * <p>
 * Failures are typed: {@link dev.surge.payments.PaymentProviderUnavailable} when the provider cannot
 * answer (breaker open, timeout, 5xx after retries), {@link dev.surge.payments.PaymentProviderRejected}
 * when it answered with a refusal, {@link InvalidWebhook} when a webhook is not provably the provider's.
 * Calls that are safe to repeat (reads, creates carrying an idempotency key) are retried with backoff;
 * the others are tried once.
 */
public interface PaymentGateway {

    /** The provider's name, lower case, as used in configuration, routing and webhook paths: {@code stripe}. */
    String provider();

    /**
     * Whether sending the same refund again (same idempotency key) is safe: the provider answers the first
     * refund instead of making a second. When false, a refund whose answer was lost is never sent again;
     * its webhook or reconciliation settles it.
     */
    default boolean idempotentRefunds() {
        return true;
    }

    /**
     * Starts a payment at the provider: what the shopper's browser needs to pay (a client secret for an
     * embedded form, or a URL to send them to) and the provider's reference to follow it by.
     */
    Mono<InitializedPayment> initialize(PaymentRequest request);

    /** What the provider says about the payment now, asked through its API (never from a webhook). */
    Mono<ProviderPayment> verify(String providerReference);

    /**
     * Cancels a payment that is still open, so that it can no longer be paid (an order we no longer sell),
     * and answers where it stands afterwards: {@link ProviderPaymentStatus#CANCELED}, or how it had already
     * ended (a success that came first is not undone here: it is a late payment, refunded). Safe to repeat:
     * cancelling a cancelled payment answers it again. {@code idempotencyKey}: one per payment.
     */
    Mono<ProviderPayment> cancel(String providerReference, String idempotencyKey);

    /** Gives back all of a payment ({@code amount} null) or part of it. */
    Mono<ProviderRefund> refund(RefundRequest request);

    /**
     * The provider's payments created in {@code [from, to]}, for reconciliation, paged through its list API
     * page by page as the subscriber asks for more.
     */
    Flux<ProviderPayment> transactions(Instant from, Instant to);

    /**
     * Checks that a webhook delivery really comes from the provider (its signature over the exact bytes
     * received, and for timestamped schemes its age) and turns it into a provider-neutral event. Fails
     * with {@link InvalidWebhook} (400) otherwise; nothing about the request is trusted before that.
     */
    Mono<PaymentEvent> parseWebhook(HttpHeaders headers, byte[] rawBody);

    /**
     * What to apply for a verified webhook event. The payments service calls this before it grants or
     * takes back value, and applies the event it returns, not the one it passed. By default the signed
     * event itself; a provider whose webhooks must be confirmed with its API (Paystack) answers with what
     * the API says, which may turn a claimed success into {@link PaymentEvent.Type#OTHER}. Every provider that
     * can look a refund up answers a refund event with the refund's status now (a refund may fail after it
     * succeeded, and its events come in any order): a success is recorded only when the provider confirms it.
     */
    default Mono<PaymentEvent> confirm(PaymentEvent event) {
        return Mono.just(event);
    }
}
