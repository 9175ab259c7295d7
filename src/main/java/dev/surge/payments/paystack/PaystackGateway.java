package dev.surge.payments.paystack;

import static dev.surge.payments.gateway.JsonFields.instant;
import static dev.surge.payments.gateway.JsonFields.number;
import static dev.surge.payments.gateway.JsonFields.text;

import dev.surge.payments.PaymentProviderRejected;
import dev.surge.payments.config.PaymentsProperties;
import dev.surge.payments.gateway.GatewayHttp;
import dev.surge.payments.gateway.GatewayResilience;
import dev.surge.payments.gateway.InitializedPayment;
import dev.surge.payments.gateway.InvalidWebhook;
import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.payments.gateway.PaymentGateway;
import dev.surge.payments.gateway.PaymentRequest;
import dev.surge.payments.gateway.ProviderPayment;
import dev.surge.payments.gateway.ProviderPaymentStatus;
import dev.surge.payments.gateway.ProviderRefund;
import dev.surge.payments.gateway.RefundRequest;
import dev.surge.payments.gateway.WebhookSignatures;
import dev.surge.platform.persistence.Money;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Paystack through its REST API (JSON, {@code Authorization: Bearer <secret key>}) on a non-blocking WebClient.
 * <ul>
 *   <li>initialize: {@code POST /transaction/initialize} with our payment reference as Paystack's
 *       {@code reference}; the shopper is sent to the returned {@code authorization_url} (or the inline
 *       popup resumes it with the {@code access_code}, given as the client secret). Paystack takes no
 *       idempotency key, so it is tried once; it refuses a second transaction with the same reference
 *       ({@code 400 Duplicate Transaction Reference}), which is what keeps a repeat from charging twice, so
 *       a payment that must be started again needs a new reference.</li>
 *   <li>verify: {@code GET /transaction/verify/{reference}}; transactions: {@code GET /transaction} by
 *       {@code from}/{@code to}, paged with {@code page}/{@code perPage}.</li>
 *   <li>refund: {@code POST /refund}; no idempotency key exists there either, so it is tried once (a
 *       timeout leaves it unknown: look at the payment's refunds before asking again).</li>
 *   <li>webhooks: {@code x-paystack-signature} must be the hex HMAC-SHA512 of the raw body under the secret
 *       key. Paystack events carry no id; ours is the event name and the object's id
 *       ({@code charge.success:302961}), the same for every repeat of a delivery. The body has no
 *       timestamp, so there is no age check: a replayed delivery is a duplicate, which the exactly-once
 *       record absorbs, and {@link #confirm} asks the API anyway.</li>
 * </ul>
 * <b>Confirm before granting value.</b> As Paystack requires, a signed {@code charge.success} is not enough:
 * the payments service calls {@link #confirm(PaymentEvent)}, which verifies the transaction with the API and
 * answers the event as the API sees it (status, amount, currency), and applies only that. Refund events are
 * confirmed with {@code GET /refund/{id}} the same way.
 * <p>
 * Amounts: Paystack counts in subunits (kobo, pesewas, cents), which are the ISO minor units of the
 * currencies it takes (NGN, GHS, ZAR, KES, USD, EGP), so no conversion is made.
 */
public class PaystackGateway implements PaymentGateway {

    public static final String PROVIDER = "paystack";
    static final String SIGNATURE_HEADER = "x-paystack-signature";

    private final WebClient http;
    private final PaymentsProperties.Paystack settings;
    private final GatewayResilience resilience;
    private final JsonMapper json;

    /** {@code http}: a client whose base URL is Paystack's API (see {@link GatewayHttp#webClient}). */
    public PaystackGateway(WebClient http, PaymentsProperties.Paystack settings, GatewayResilience resilience,
            JsonMapper json) {
        this.http = http;
        this.settings = settings;
        this.resilience = resilience;
        this.json = json;
    }

    /** Paystack's refund API takes no idempotency key: a second POST would be a second refund. */
    @Override
    public boolean idempotentRefunds() {
        return false;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Mono<InitializedPayment> initialize(PaymentRequest request) {
        return Mono.defer(() -> {
            if (!StringUtils.hasText(request.customerEmail())) {
                return Mono.error(new PaymentProviderRejected(PROVIDER, 0, "email_required",
                        "Paystack needs the payer's email"));
            }
            Map<String, Object> metadata = new LinkedHashMap<>(request.metadata());
            metadata.put("payment_id", request.paymentReference());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("email", request.customerEmail());
            body.put("amount", Long.toString(request.amount().amountMinor()));
            body.put("currency", request.amount().currency());
            body.put("reference", request.paymentReference());
            String callback = request.returnUrl() != null ? request.returnUrl().toString() : settings.callbackUrl();
            if (StringUtils.hasText(callback)) {
                body.put("callback_url", callback);
            }
            body.put("metadata", metadata);
            return resilience.once(post("/transaction/initialize", body))
                    .map(answer -> {
                        JsonNode data = answer.path("data");
                        String url = text(data, "authorization_url");
                        return new InitializedPayment(PROVIDER, text(data, "reference"), text(data, "access_code"),
                                url == null ? null : URI.create(url), ProviderPaymentStatus.PENDING);
                    });
        });
    }

    @Override
    public Mono<ProviderPayment> verify(String providerReference) {
        return resilience.repeatable(get(uri -> uri.path("/transaction/verify/{reference}").build(providerReference)))
                .map(answer -> payment(answer.path("data")));
    }

    @Override
    public Mono<ProviderRefund> refund(RefundRequest request) {
        return Mono.defer(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("transaction", request.providerReference());
            if (request.amount() != null) {
                body.put("amount", Long.toString(request.amount().amountMinor()));
            }
            return resilience.once(post("/refund", body)).map(answer -> {
                JsonNode data = answer.path("data");
                String reference = text(data, "transaction", "reference");
                return new ProviderRefund(PROVIDER, text(data, "id"),
                        reference != null ? reference : request.providerReference(),
                        refundStatus(text(data, "status")), amount(data));
            });
        });
    }

    @Override
    public Flux<ProviderPayment> transactions(Instant from, Instant to) {
        return page(from, to, 1)
                .expand(page -> page.hasNext() ? page(from, to, page.number() + 1) : Mono.empty())
                .concatMapIterable(Page::payments);
    }

    @Override
    public Mono<PaymentEvent> parseWebhook(HttpHeaders headers, byte[] rawBody) {
        return Mono.fromCallable(() -> {
            String signature = headers.getFirst(SIGNATURE_HEADER);
            if (signature == null || signature.isBlank()) {
                throw InvalidWebhook.malformedSignature(PROVIDER, "is missing");
            }
            if (!StringUtils.hasText(settings.secretKey())
                    || !WebhookSignatures.hmacMatches("HmacSHA512", settings.secretKey(), rawBody, signature.trim())) {
                throw InvalidWebhook.badSignature(PROVIDER);
            }
            return event(readEvent(rawBody), rawBody);
        });
    }

    /**
     * The event as Paystack's API sees it now: a payment event becomes what {@code verify} says (succeeded,
     * failed, or {@link PaymentEvent.Type#OTHER} while it is still open), with the verified amount and
     * currency; a refund event becomes what {@code GET /refund/{id}} says. Apply only what this answers.
     */
    @Override
    public Mono<PaymentEvent> confirm(PaymentEvent event) {
        return switch (event.type()) {
            case PAYMENT_SUCCEEDED, PAYMENT_FAILED -> event.providerReference() == null
                    ? Mono.just(event.confirmedAs(PaymentEvent.Type.OTHER, null))
                    : verify(event.providerReference()).map(payment -> event.confirmedAs(switch (payment.status()) {
                        case SUCCEEDED -> PaymentEvent.Type.PAYMENT_SUCCEEDED;
                        case FAILED -> PaymentEvent.Type.PAYMENT_FAILED;
                        default -> PaymentEvent.Type.OTHER;
                    }, payment.amount()));
            case REFUND_SUCCEEDED, REFUND_FAILED -> event.refundReference() == null
                    ? Mono.just(event.confirmedAs(PaymentEvent.Type.OTHER, null))
                    : resilience.repeatable(get(uri -> uri.path("/refund/{id}").build(event.refundReference())))
                            .map(answer -> {
                                JsonNode data = answer.path("data");
                                return event.confirmedAs(switch (refundStatus(text(data, "status"))) {
                                    case SUCCEEDED -> PaymentEvent.Type.REFUND_SUCCEEDED;
                                    case FAILED, CANCELED -> PaymentEvent.Type.REFUND_FAILED;
                                    case PENDING -> PaymentEvent.Type.OTHER;
                                }, amount(data));
                            });
            case OTHER -> Mono.just(event);
        };
    }

    private JsonNode readEvent(byte[] rawBody) {
        JsonNode event;
        try {
            event = json.readTree(rawBody);
        } catch (JacksonException e) {
            throw InvalidWebhook.malformedBody(PROVIDER, "is not JSON");
        }
        if (text(event, "event") == null || !event.path("data").isObject()) {
            throw InvalidWebhook.malformedBody(PROVIDER, "is not a Paystack event");
        }
        return event;
    }

    private PaymentEvent event(JsonNode event, byte[] rawBody) {
        String type = text(event, "event");
        JsonNode data = event.path("data");
        String objectId = text(data, "id");
        String eventId = type + ":" + (objectId != null ? objectId : sha256(rawBody));
        switch (type) {
            case "charge.success", "charge.failed": {
                Instant at = instant(data, "paid_at");
                return new PaymentEvent(PROVIDER, eventId,
                        type.equals("charge.success") ? PaymentEvent.Type.PAYMENT_SUCCEEDED : PaymentEvent.Type.PAYMENT_FAILED,
                        type, text(data, "reference"), paymentReference(data), null, amount(data),
                        at != null ? at : instant(data, "created_at"));
            }
            case "refund.processed", "refund.failed":
                return new PaymentEvent(PROVIDER, eventId,
                        type.equals("refund.processed") ? PaymentEvent.Type.REFUND_SUCCEEDED : PaymentEvent.Type.REFUND_FAILED,
                        type, text(data, "transaction_reference"), null, objectId, amount(data),
                        instant(data, "refunded_at"));
            default:
                String reference = text(data, "reference");
                return new PaymentEvent(PROVIDER, eventId, PaymentEvent.Type.OTHER, type,
                        reference != null ? reference : text(data, "transaction_reference"), null, null, null, null);
        }
    }

    private Mono<Page> page(Instant from, Instant to, int number) {
        Mono<JsonNode> call = get(uri -> uri.path("/transaction")
                .queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .queryParam("page", number)
                .queryParam("perPage", settings.pageSize())
                .build());
        return resilience.repeatable(call).map(answer -> {
            List<ProviderPayment> payments = new ArrayList<>();
            for (JsonNode transaction : answer.path("data")) {
                payments.add(payment(transaction));
            }
            Long pageCount = number(answer, "meta", "pageCount");
            boolean hasNext = pageCount != null ? number < pageCount
                    : !payments.isEmpty() && payments.size() >= settings.pageSize();
            return new Page(number, payments, hasNext);
        });
    }

    private record Page(int number, List<ProviderPayment> payments, boolean hasNext) {
    }

    private Mono<JsonNode> post(String path, Map<String, Object> body) {
        return GatewayHttp.body(http.post().uri(path)
                .headers(headers -> headers.setBearerAuth(settings.secretKey()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.writeValueAsBytes(body))
                .retrieve()
                .onStatus(GatewayHttp::isRefusal, response -> GatewayHttp.refusal(response, json, PaystackGateway::rejected)),
                json, PROVIDER);
    }

    private Mono<JsonNode> get(Function<UriBuilder, URI> uri) {
        return GatewayHttp.body(http.get().uri(uri)
                .headers(headers -> headers.setBearerAuth(settings.secretKey()))
                .retrieve()
                .onStatus(GatewayHttp::isRefusal, response -> GatewayHttp.refusal(response, json, PaystackGateway::rejected)),
                json, PROVIDER);
    }

    /** Paystack's errors: {@code {"status": false, "message": "...", "code": "...", "type": "..."}}. */
    private static PaymentProviderRejected rejected(int status, JsonNode body) {
        String code = text(body, "code");
        return new PaymentProviderRejected(PROVIDER, status, code != null ? code : text(body, "type"),
                text(body, "message"));
    }

    private ProviderPayment payment(JsonNode transaction) {
        Instant created = instant(transaction, "created_at");
        return new ProviderPayment(PROVIDER, text(transaction, "reference"), paymentReference(transaction),
                status(text(transaction, "status")), amount(transaction),
                created != null ? created : instant(transaction, "createdAt"));
    }

    /** Ours from the metadata; else the reference itself, which is ours for every payment Surge started. */
    private static String paymentReference(JsonNode transaction) {
        String fromMetadata = text(transaction, "metadata", "payment_id");
        return fromMetadata != null ? fromMetadata : text(transaction, "reference");
    }

    private static Money amount(JsonNode object) {
        Long amount = number(object, "amount");
        String currency = text(object, "currency");
        return amount == null || currency == null || !Money.isCurrencyCode(currency.toUpperCase(Locale.ROOT)) ? null
                : Money.of(amount, currency.toUpperCase(Locale.ROOT));
    }

    static ProviderPaymentStatus status(String paystackStatus) {
        if (paystackStatus == null) {
            return ProviderPaymentStatus.PENDING;
        }
        return switch (paystackStatus) {
            case "success" -> ProviderPaymentStatus.SUCCEEDED;
            case "failed" -> ProviderPaymentStatus.FAILED;
            case "reversed" -> ProviderPaymentStatus.REVERSED;
            case "ongoing" -> ProviderPaymentStatus.REQUIRES_ACTION;
            case "pending", "processing", "queued" -> ProviderPaymentStatus.PROCESSING;
            default -> ProviderPaymentStatus.PENDING; // abandoned: not paid yet, the shopper may still pay
        };
    }

    static ProviderRefund.Status refundStatus(String paystackStatus) {
        if (paystackStatus == null) {
            return ProviderRefund.Status.PENDING;
        }
        return switch (paystackStatus) {
            case "processed" -> ProviderRefund.Status.SUCCEEDED;
            case "failed" -> ProviderRefund.Status.FAILED;
            default -> ProviderRefund.Status.PENDING; // pending, processing, needs-attention
        };
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
