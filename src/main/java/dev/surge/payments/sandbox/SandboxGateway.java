package dev.surge.payments.sandbox;

import dev.surge.payments.domain.PaymentErrors;
import dev.surge.payments.gateway.InitializedPayment;
import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.payments.gateway.PaymentGateway;
import dev.surge.payments.gateway.PaymentRequest;
import dev.surge.payments.gateway.ProviderPayment;
import dev.surge.payments.gateway.ProviderRefund;
import dev.surge.payments.gateway.RefundRequest;
import dev.surge.platform.crypto.Sha256;
import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.persistence.Money;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A payment provider that lives inside Surge, for the local run and demos: no account, no internet.
 * A payment waits until someone {@linkplain #complete completes} it (succeeds or fails it), and then the
 * sandbox does what a real provider does: it POSTs a signed webhook to Surge's webhook endpoint, so the real
 * webhook path runs end to end. Refunds go through at once and are announced the same way; one can be
 * {@linkplain #failRefund failed} afterwards, as a card's bank may, and refund events are confirmed by looking
 * the refund up, as with a real provider.
 * A pending payment can be cancelled, as Stripe cancels a PaymentIntent; completing it afterwards is refused.
 * <p>
 * Its payments are kept in Redis ({@link SandboxPayments}), so every instance sees every sandbox payment: a
 * payment started on one instance can be completed on another. Its webhooks are signed like Stripe's and
 * checked the same way ({@link SandboxWebhooks}). Creates and refunds are idempotent by key: the reference or
 * refund id is derived from the key.
 */
public class SandboxGateway implements PaymentGateway {

    public static final String PROVIDER = "sandbox";
    public static final String SIGNATURE_HEADER = "Surge-Sandbox-Signature";

    private static final Logger log = LoggerFactory.getLogger(SandboxGateway.class);

    /**
     * A payment as its pay page shows it.
     *
     * @param orderNumber the order's number, if the payment named one (metadata {@code order_number}), else null
     * @param returnUrl   where the shopper goes once they paid or failed it, or null: the page shows the result
     */
    public record PayPage(ProviderPayment payment, String orderNumber, URI returnUrl) {
    }

    /** What {@link #complete} makes of a payment. */
    public enum Outcome { SUCCEED, FAIL }

    /**
     * How the sandbox reaches Surge and the shopper.
     *
     * @param webhookUrl       where to deliver webhooks, asked at each delivery (the local port is known only
     *                         once the server runs)
     * @param payUrl           the shopper's pay page of a reference
     * @param defaultReturnUrl where the pay page sends the shopper when the payment names no return URL; null:
     *                         the page shows the result itself
     * @param webhookSecret    signing secret of deliveries, also the one {@link #parseWebhook} checks with
     * @param retention        how long payments and refunds are kept
     */
    public record Settings(Supplier<URI> webhookUrl, Function<String, URI> payUrl, URI defaultReturnUrl,
            String webhookSecret, Duration webhookTolerance, Duration retention) {
    }

    private final SandboxPayments payments;
    private final SandboxWebhooks webhooks;
    private final Function<String, URI> payUrl;
    private final URI defaultReturnUrl;
    private final Clock clock;

    /** @param webhooks client that delivers the webhooks (with timeouts) */
    public SandboxGateway(ReactiveStringRedisTemplate redis, WebClient webhooks, Settings settings, JsonMapper json,
            Clock clock) {
        this.payments = new SandboxPayments(redis, settings.retention(), clock);
        this.webhooks = new SandboxWebhooks(webhooks, settings.webhookUrl(), settings.webhookSecret(),
                settings.webhookTolerance(), json, clock);
        this.payUrl = settings.payUrl();
        this.defaultReturnUrl = settings.defaultReturnUrl();
        this.clock = clock;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Mono<InitializedPayment> initialize(PaymentRequest request) {
        String reference = request.idempotencyKey() != null ? "sbx_" + digest(request.idempotencyKey())
                : "sbx_" + Ids.newId().toString().replace("-", "");
        URI returnUrl = request.returnUrl() != null ? request.returnUrl() : defaultReturnUrl;
        return payments.create(reference, request, returnUrl)
                .map(payment -> new InitializedPayment(PROVIDER, reference, null, payUrl.apply(reference),
                        payment.status()));
    }

    @Override
    public Mono<ProviderPayment> verify(String providerReference) {
        return payments.load(providerReference)
                .switchIfEmpty(Mono.error(() -> new PaymentErrors.SandboxReferenceUnknown(providerReference)));
    }

    /**
     * Ends a pending payment as paid or failed, and delivers the signed webhook saying so. Completing it
     * again the same way delivers the same event again (same event id: a duplicate delivery, as real
     * providers send); the other way is refused.
     *
     * @return the event delivered
     * @throws NotFoundException            (as an error signal) for an unknown reference
     * @throws ConflictException            when it was already completed the other way
     * @throws SandboxWebhookNotDelivered   when the webhook endpoint did not answer 2xx
     */
    public Mono<PaymentEvent> complete(String reference, Outcome outcome) {
        String status = outcome == Outcome.SUCCEED ? "SUCCEEDED" : "FAILED";
        return payments.complete(reference, status)
                .map(payment -> new PaymentEvent(PROVIDER, "evt_" + reference + "_" + status.toLowerCase(Locale.ROOT),
                        outcome == Outcome.SUCCEED ? PaymentEvent.Type.PAYMENT_SUCCEEDED : PaymentEvent.Type.PAYMENT_FAILED,
                        outcome == Outcome.SUCCEED ? "payment.succeeded" : "payment.failed", reference,
                        payment.paymentReference(), null, payment.amount(), clock.instant()))
                .flatMap(event -> webhooks.deliver(event).thenReturn(event));
    }

    /** Like Stripe's cancel: a pending payment can no longer be completed (its pay page says so). */
    @Override
    public Mono<ProviderPayment> cancel(String providerReference, String idempotencyKey) {
        return payments.cancel(providerReference);
    }

    @Override
    public Mono<ProviderRefund> refund(RefundRequest request) {
        String reference = request.providerReference();
        String refundId = "sbxre_" + digest(reference + "\n" + request.idempotencyKey());
        return payments.refund(reference, refundId, request.amount()).flatMap(refunded -> {
            ProviderPayment payment = refunded.payment();
            ProviderRefund refund = new ProviderRefund(PROVIDER, refundId, reference, ProviderRefund.Status.SUCCEEDED,
                    Money.of(refunded.amount(), payment.amount().currency()));
            if (!refunded.fresh()) {
                return Mono.just(refund);
            }
            PaymentEvent event = new PaymentEvent(PROVIDER, "evt_" + refundId, PaymentEvent.Type.REFUND_SUCCEEDED,
                    "refund.succeeded", reference, payment.paymentReference(), refundId, refund.amount(),
                    clock.instant());
            // Like a real provider's, the announcement is separate from the refund: a failed delivery is logged,
            // and the refund stands.
            return webhooks.deliver(event)
                    .onErrorResume(SandboxWebhookNotDelivered.class, e -> {
                        log.warn("Sandbox refund {} done, its webhook was not delivered: {}", refundId, e.getMessage());
                        return Mono.empty();
                    })
                    .thenReturn(refund);
        });
    }

    /**
     * Fails a refund that had succeeded, as a card's bank may days later, and delivers the signed
     * {@code refund.failed} webhook saying so (again, with the same event id, when it had failed before).
     *
     * @return the event delivered
     */
    public Mono<PaymentEvent> failRefund(String reference, String refundId) {
        return payments.failRefund(reference, refundId)
                .flatMap(refund -> payments.load(reference).map(payment -> new PaymentEvent(PROVIDER,
                        "evt_" + refundId + "_failed", PaymentEvent.Type.REFUND_FAILED, "refund.failed", reference,
                        payment.paymentReference(), refundId, refund.amount(), clock.instant())))
                .flatMap(event -> webhooks.deliver(event).thenReturn(event));
    }

    /** A refund event as the sandbox holds the refund now (it may have failed since); payment events as they are. */
    @Override
    public Mono<PaymentEvent> confirm(PaymentEvent event) {
        if (event.type() != PaymentEvent.Type.REFUND_SUCCEEDED && event.type() != PaymentEvent.Type.REFUND_FAILED) {
            return Mono.just(event);
        }
        if (event.refundReference() == null || event.providerReference() == null) {
            return Mono.just(event.confirmedAs(PaymentEvent.Type.OTHER, null));
        }
        return payments.refund(event.providerReference(), event.refundReference())
                .map(refund -> event.confirmedAs(refund.status().eventType(), refund.amount()))
                .defaultIfEmpty(event.confirmedAs(PaymentEvent.Type.OTHER, null));
    }

    @Override
    public Flux<ProviderPayment> transactions(Instant from, Instant to) {
        return payments.createdBetween(from, to);
    }

    @Override
    public Mono<PaymentEvent> parseWebhook(HttpHeaders headers, byte[] rawBody) {
        return webhooks.parse(headers, rawBody);
    }

    /** The payment with what its pay page shows besides. */
    public Mono<PayPage> page(String reference) {
        return payments.page(reference);
    }

    private static String digest(String text) {
        return HexFormat.of().formatHex(Sha256.of(text), 0, 16);
    }
}
