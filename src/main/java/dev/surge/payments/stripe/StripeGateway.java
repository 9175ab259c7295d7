package dev.surge.payments.stripe;

import static dev.surge.payments.gateway.JsonFields.epochSeconds;
import static dev.surge.payments.gateway.JsonFields.number;
import static dev.surge.payments.gateway.JsonFields.text;

import dev.surge.payments.PaymentProviderRejected;
import dev.surge.payments.config.PaymentsProperties;
import dev.surge.payments.gateway.GatewayHttp;
import dev.surge.payments.gateway.GatewayResilience;
import dev.surge.payments.gateway.InitializedPayment;
import dev.surge.payments.gateway.InvalidWebhook;
import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.payments.gateway.HttpPaymentGateway;
import dev.surge.payments.gateway.PaymentRequest;
import dev.surge.payments.gateway.ProviderApi;
import dev.surge.payments.gateway.ProviderPayment;
import dev.surge.payments.gateway.ProviderPaymentStatus;
import dev.surge.payments.gateway.ProviderRefund;
import dev.surge.payments.gateway.RefundRequest;
import dev.surge.payments.gateway.WebhookJson;
import dev.surge.payments.gateway.WebhookSignatures;
import dev.surge.platform.persistence.Money;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe through its REST API (form-encoded requests, JSON answers) on a non-blocking WebClient.
 * <ul>
 *   <li>initialize: a PaymentIntent ({@code POST /v1/payment_intents}) with automatic payment methods, our
 *       payment reference in {@code metadata[payment_id]}; the shopper pays in Stripe's Payment Element with
 *       the returned client secret. Sent with the request's {@code Idempotency-Key}, so it is retried;
 *       without a key it is tried once.</li>
 *   <li>verify: {@code GET /v1/payment_intents/{id}}; transactions: {@code GET /v1/payment_intents} by
 *       {@code created[gte]}/{@code created[lte]}, paged with {@code starting_after}.</li>
 *   <li>cancel: {@code POST /v1/payment_intents/{id}/cancel} with an idempotency key; one that already ended
 *       ({@code payment_intent_unexpected_state}) is answered as {@code verify} sees it. refund: {@code POST
 *       /v1/refunds} with the attempt's idempotency key; its events are confirmed by {@code GET /v1/refunds/{id}}.</li>
 *   <li>webhooks: {@code Stripe-Signature} checked against every configured endpoint secret (see
 *       {@link WebhookSignatures}); {@code payment_intent.succeeded} and {@code .payment_failed} are payment
 *       events; refunds come from the events that carry one Refund object ({@code refund.created},
 *       {@code refund.updated}, {@code refund.failed} and the older {@code charge.refund.updated}), by its
 *       status. {@code charge.refunded} is recorded as {@link PaymentEvent.Type#OTHER}: it carries the charge
 *       with the cumulative {@code amount_refunded}, and applying it as well would count a refund twice.
 *       {@code charge.dispute.*} carry the Dispute object: {@link PaymentEvent.Type#DISPUTE} by its status.</li>
 * </ul>
 * Amounts go through {@link StripeAmounts}, which knows where Stripe's unit differs from ISO's.
 */
public class StripeGateway extends HttpPaymentGateway {

    public static final String PROVIDER = "stripe";
    static final String SIGNATURE_HEADER = "Stripe-Signature";

    private final PaymentsProperties.Stripe settings;
    private final Clock clock;

    /** {@code http}: a client whose base URL is Stripe's API (see {@link GatewayHttp#webClient}). */
    public StripeGateway(WebClient http, PaymentsProperties.Stripe settings, GatewayResilience resilience,
            JsonMapper json, Clock clock) {
        super(new ProviderApi(http, json, PROVIDER, headers -> authenticate(settings, headers), StripeGateway::rejected),
                resilience);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Mono<InitializedPayment> initialize(PaymentRequest request) {
        return Mono.defer(() -> {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("amount", Long.toString(StripeAmounts.toStripe(request.amount())));
            form.add("currency", StripeAmounts.stripeCurrency(request.amount()));
            form.add("automatic_payment_methods[enabled]", "true");
            request.metadata().forEach((key, value) -> {
                if (!key.equals("payment_id")) {
                    form.add("metadata[" + key + "]", value);
                }
            });
            form.add("metadata[payment_id]", request.paymentReference());
            if (StringUtils.hasText(request.customerEmail())) {
                form.add("receipt_email", request.customerEmail());
            }
            Mono<JsonNode> call = post("/v1/payment_intents", form, request.idempotencyKey());
            return (request.idempotencyKey() != null ? resilience().repeatable(call) : resilience().once(call))
                    .map(intent -> new InitializedPayment(PROVIDER, text(intent, "id"), text(intent, "client_secret"),
                            null, status(text(intent, "status"))));
        });
    }

    @Override
    public Mono<ProviderPayment> verify(String providerReference) {
        return read(uri -> uri.path("/v1/payment_intents/{id}").build(providerReference))
                .map(this::payment);
    }

    @Override
    public Mono<ProviderPayment> cancel(String providerReference, String idempotencyKey) {
        return Mono.defer(() -> {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("cancellation_reason", "abandoned");
            return resilience().repeatable(post("/v1/payment_intents/" + providerReference + "/cancel", form,
                            idempotencyKey))
                    .map(this::payment)
                    .onErrorResume(PaymentProviderRejected.class,
                            e -> "payment_intent_unexpected_state".equals(e.providerCode()) ? verify(providerReference)
                                    : Mono.error(e));
        });
    }

    @Override
    public Mono<ProviderRefund> refund(RefundRequest request) {
        return Mono.defer(() -> {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("payment_intent", request.providerReference());
            if (request.amount() != null) {
                form.add("amount", Long.toString(StripeAmounts.toStripe(request.amount())));
            }
            return resilience().repeatable(post("/v1/refunds", form, request.idempotencyKey()))
                    .map(refund -> new ProviderRefund(PROVIDER, text(refund, "id"), text(refund, "payment_intent"),
                            refundStatus(text(refund, "status")), amount(refund, "amount")));
        });
    }

    /**
     * A refund event as Stripe's API sees the refund now ({@code GET /v1/refunds/{id}}): a refund can fail after
     * it succeeded, and its events arrive in any order, so the refund's present status is what is applied.
     * Payment events are applied as signed.
     */
    @Override
    public Mono<PaymentEvent> confirm(PaymentEvent event) {
        if (event.type() != PaymentEvent.Type.REFUND_SUCCEEDED && event.type() != PaymentEvent.Type.REFUND_FAILED) {
            return Mono.just(event);
        }
        if (event.refundReference() == null) {
            return Mono.just(event.confirmedAs(PaymentEvent.Type.OTHER, null));
        }
        return read(uri -> uri.path("/v1/refunds/{id}").build(event.refundReference()))
                .map(refund -> event.confirmedAs(refundStatus(text(refund, "status")).eventType(), amount(refund, "amount")));
    }

    @Override
    public Flux<ProviderPayment> transactions(Instant from, Instant to) {
        return page(from, to, null)
                .expand(page -> page.hasMore() && page.lastId() != null ? page(from, to, page.lastId()) : Mono.empty())
                .concatMapIterable(Page::payments);
    }

    @Override
    public Mono<PaymentEvent> parseWebhook(HttpHeaders headers, byte[] rawBody) {
        return Mono.fromCallable(() -> {
            WebhookSignatures.verifyTimestamped(PROVIDER, headers.getFirst(SIGNATURE_HEADER), rawBody,
                    settings.webhookSecrets(), settings.webhookTolerance(), clock);
            return event(readEvent(rawBody));
        });
    }

    private JsonNode readEvent(byte[] rawBody) {
        JsonNode event = WebhookJson.read(api().json(), PROVIDER, rawBody);
        if (!"event".equals(text(event, "object")) || text(event, "id") == null || text(event, "type") == null
                || !event.path("data").path("object").isObject()) {
            throw new InvalidWebhook.MalformedBody(PROVIDER, "is not a Stripe event");
        }
        return event;
    }

    private PaymentEvent event(JsonNode event) {
        String id = text(event, "id");
        String type = text(event, "type");
        Instant occurredAt = epochSeconds(event, "created");
        JsonNode object = event.path("data").path("object");
        String objectType = text(object, "object");
        switch (type) {
            case "payment_intent.succeeded":
                return new PaymentEvent(PROVIDER, id, PaymentEvent.Type.PAYMENT_SUCCEEDED, type, text(object, "id"),
                        text(object, "metadata", "payment_id"), null, received(object), occurredAt);
            case "payment_intent.payment_failed":
                return new PaymentEvent(PROVIDER, id, PaymentEvent.Type.PAYMENT_FAILED, type, text(object, "id"),
                        text(object, "metadata", "payment_id"), null, amount(object, "amount"), occurredAt);
            case "refund.created", "refund.updated", "refund.failed", "charge.refund.updated":
                PaymentEvent.Type refundType = refundStatus(text(object, "status")).eventType();
                return new PaymentEvent(PROVIDER, id, refundType, type, text(object, "payment_intent"),
                        text(object, "metadata", "payment_id"), text(object, "id"), amount(object, "amount"), occurredAt);
            case "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed",
                    "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated":
                return new PaymentEvent(PROVIDER, id, PaymentEvent.Type.DISPUTE, type, text(object, "payment_intent"),
                        text(object, "metadata", "payment_id"), null, amount(object, "amount"), occurredAt,
                        new PaymentEvent.Dispute(text(object, "id"), StripeDisputes.status(text(object, "status")),
                                text(object, "status"), text(object, "reason")));
            default:
                String reference = "payment_intent".equals(objectType) ? text(object, "id")
                        : text(object, "payment_intent");
                return new PaymentEvent(PROVIDER, id, PaymentEvent.Type.OTHER, type, reference,
                        text(object, "metadata", "payment_id"), null, null, occurredAt);
        }
    }

    private Mono<Page> page(Instant from, Instant to, String startingAfter) {
        return read(uri -> {
            uri.path("/v1/payment_intents")
                    .queryParam("created[gte]", from.getEpochSecond())
                    .queryParam("created[lte]", to.getEpochSecond())
                    .queryParam("limit", settings.pageSize());
            if (startingAfter != null) {
                uri.queryParam("starting_after", startingAfter);
            }
            return uri.build();
        }).map(list -> {
            List<ProviderPayment> payments = new ArrayList<>();
            for (JsonNode intent : list.path("data")) {
                payments.add(payment(intent));
            }
            String lastId = payments.isEmpty() ? null : payments.get(payments.size() - 1).providerReference();
            return new Page(payments, list.path("has_more").asBoolean(false), lastId);
        });
    }

    private record Page(List<ProviderPayment> payments, boolean hasMore, String lastId) {
    }

    private Mono<JsonNode> post(String path, MultiValueMap<String, String> form, String idempotencyKey) {
        return api().post(path, headers -> {
            if (idempotencyKey != null) {
                headers.set("Idempotency-Key", idempotencyKey);
            }
        }, MediaType.APPLICATION_FORM_URLENCODED, BodyInserters.fromFormData(form));
    }

    private static void authenticate(PaymentsProperties.Stripe settings, HttpHeaders headers) {
        headers.setBearerAuth(settings.secretKey());
        if (StringUtils.hasText(settings.apiVersion())) {
            headers.set("Stripe-Version", settings.apiVersion());
        }
    }

    /** Stripe's error object: {@code {"error": {"type", "code", "message", "param"}}}. */
    private static PaymentProviderRejected rejected(int status, JsonNode body) {
        String code = text(body, "error", "code");
        return new PaymentProviderRejected(PROVIDER, status, code != null ? code : text(body, "error", "type"),
                text(body, "error", "message"));
    }

    private ProviderPayment payment(JsonNode intent) {
        ProviderPaymentStatus status = status(text(intent, "status"));
        return new ProviderPayment(PROVIDER, text(intent, "id"), text(intent, "metadata", "payment_id"), status,
                status == ProviderPaymentStatus.SUCCEEDED ? received(intent) : amount(intent, "amount"),
                epochSeconds(intent, "created"));
    }

    /** What a succeeded PaymentIntent took: {@code amount_received} (equal to {@code amount} unless captured in part). */
    private static Money received(JsonNode intent) {
        Long received = number(intent, "amount_received");
        return received != null && received > 0 ? amount(intent, "amount_received") : amount(intent, "amount");
    }

    /** Null when absent or in a currency this JVM does not know (the payments service then flags a mismatch). */
    private static Money amount(JsonNode object, String field) {
        Long amount = number(object, field);
        String currency = text(object, "currency");
        return amount == null || currency == null || !Money.isCurrencyCode(currency.toUpperCase(java.util.Locale.ROOT))
                ? null : StripeAmounts.fromStripe(amount, currency);
    }

    static ProviderPaymentStatus status(String stripeStatus) {
        if (stripeStatus == null) {
            return ProviderPaymentStatus.PENDING;
        }
        return switch (stripeStatus) {
            case "succeeded" -> ProviderPaymentStatus.SUCCEEDED;
            case "processing", "requires_capture" -> ProviderPaymentStatus.PROCESSING;
            case "requires_action" -> ProviderPaymentStatus.REQUIRES_ACTION;
            case "canceled" -> ProviderPaymentStatus.CANCELED;
            // requires_payment_method (also after a declined attempt), requires_confirmation
            default -> ProviderPaymentStatus.PENDING;
        };
    }

    static ProviderRefund.Status refundStatus(String stripeStatus) {
        if (stripeStatus == null) {
            return ProviderRefund.Status.PENDING;
        }
        return switch (stripeStatus) {
            case "succeeded" -> ProviderRefund.Status.SUCCEEDED;
            case "failed" -> ProviderRefund.Status.FAILED;
            case "canceled" -> ProviderRefund.Status.CANCELED;
            default -> ProviderRefund.Status.PENDING; // pending, requires_action
        };
    }
}
