package dev.surge.payments.sandbox;

import static dev.surge.payments.gateway.JsonFields.epochSeconds;
import static dev.surge.payments.gateway.JsonFields.number;
import static dev.surge.payments.gateway.JsonFields.text;

import dev.surge.payments.PaymentProviderRejected;
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
import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.persistence.Money;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A payment provider that lives inside Surge, for the local run and demos: no account, no internet.
 * A payment waits until someone {@linkplain #complete completes} it (succeeds or fails it), and then the
 * sandbox does what a real provider does: it POSTs a signed webhook to Surge's webhook endpoint, so the real
 * webhook path runs end to end. Refunds go through at once and are announced the same way.
 * <p>
 * Webhooks are signed like Stripe's ({@code Surge-Sandbox-Signature: t=...,v1=...}, HMAC-SHA256 of
 * {@code t.body}) and {@link #parseWebhook} checks them the same way, with the same tolerance, so what
 * one side writes the other reads.
 * <p>
 * Its payments are kept in Redis (one hash per payment under {@code surge:pay:sandbox:{p:<reference>}},
 * its refunds beside it under the same hash tag, and an index by creation time), for {@code retention}.
 * Every instance therefore sees every sandbox payment: a payment started on one instance can be completed
 * on another. Each change is one Lua script, so two concurrent completions cannot both win, and a refund
 * can never exceed the payment. Creates and refunds are idempotent by key: the reference or refund id
 * is derived from the key.
 */
public class SandboxGateway implements PaymentGateway {

    public static final String PROVIDER = "sandbox";
    public static final String SIGNATURE_HEADER = "Surge-Sandbox-Signature";

    private static final Logger log = LoggerFactory.getLogger(SandboxGateway.class);
    private static final String PREFIX = "surge:pay:sandbox:";
    private static final String INDEX = PREFIX + "created";

    private static final Script<Long> CREATE = new Script<>(Long.class, """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'reference', ARGV[1], 'payment', ARGV[2], 'amount', ARGV[3],
                'currency', ARGV[4], 'status', 'PENDING', 'created', ARGV[5], 'refunded', 0, 'order', ARGV[7],
                'return', ARGV[8])
            redis.call('PEXPIRE', KEYS[1], ARGV[6])
            return 1""");

    /** PENDING → SUCCEEDED or FAILED once; answers changed, same (already so), missing or the other status. */
    private static final Script<String> COMPLETE = new Script<>(String.class, """
            local status = redis.call('HGET', KEYS[1], 'status')
            if not status then return 'missing' end
            if status == 'PENDING' then
              redis.call('HSET', KEYS[1], 'status', ARGV[1], 'completed', ARGV[2])
              return 'changed'
            end
            if status == ARGV[1] then return 'same' end
            return status""");

    /**
     * A refund of a succeeded payment, never past what is left: answers new:<amount>, existing:<amount>
     * (the same key again), missing, not_paid, currency or over.
     */
    private static final Script<String> REFUND = new Script<>(String.class, """
            local existing = redis.call('HGET', KEYS[2], 'amount')
            if existing then return 'existing:' .. existing end
            local status = redis.call('HGET', KEYS[1], 'status')
            if not status then return 'missing' end
            if status ~= 'SUCCEEDED' then return 'not_paid' end
            if ARGV[2] ~= '' and ARGV[2] ~= redis.call('HGET', KEYS[1], 'currency') then return 'currency' end
            local amount = tonumber(redis.call('HGET', KEYS[1], 'amount'))
            local refunded = tonumber(redis.call('HGET', KEYS[1], 'refunded'))
            local wanted = amount - refunded
            if ARGV[1] ~= '' then wanted = tonumber(ARGV[1]) end
            if wanted <= 0 or refunded + wanted > amount then return 'over' end
            redis.call('HINCRBY', KEYS[1], 'refunded', wanted)
            redis.call('HSET', KEYS[2], 'amount', wanted)
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            return 'new:' .. wanted""");

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

    private final ReactiveStringRedisTemplate redis;
    private final WebClient webhooks;
    private final Supplier<URI> webhookUrl;
    private final Function<String, URI> payUrl;
    private final URI defaultReturnUrl;
    private final String webhookSecret;
    private final Duration webhookTolerance;
    private final Duration retention;
    private final JsonMapper json;
    private final Clock clock;

    /**
     * @param webhooks      client that delivers the webhooks (with timeouts)
     * @param webhookUrl    where to deliver them, asked at each delivery (the local port is known only once
     *                      the server runs)
     * @param payUrl        the shopper's pay page of a reference
     * @param defaultReturnUrl where the pay page sends the shopper when the payment names no return URL; null:
     *                      the page shows the result itself
     * @param webhookSecret signing secret of deliveries, also the one {@link #parseWebhook} checks with
     */
    public SandboxGateway(ReactiveStringRedisTemplate redis, WebClient webhooks, Supplier<URI> webhookUrl,
            Function<String, URI> payUrl, URI defaultReturnUrl, String webhookSecret, Duration webhookTolerance, Duration retention,
            JsonMapper json, Clock clock) {
        this.redis = redis;
        this.webhooks = webhooks;
        this.webhookUrl = webhookUrl;
        this.payUrl = payUrl;
        this.defaultReturnUrl = defaultReturnUrl;
        this.webhookSecret = webhookSecret;
        this.webhookTolerance = webhookTolerance;
        this.retention = retention;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Mono<InitializedPayment> initialize(PaymentRequest request) {
        String reference = request.idempotencyKey() != null ? "sbx_" + digest(request.idempotencyKey())
                : "sbx_" + dev.surge.platform.persistence.Ids.newId().toString().replace("-", "");
        long now = clock.millis();
        URI returnUrl = request.returnUrl() != null ? request.returnUrl() : defaultReturnUrl;
        return redis.execute(CREATE, List.of(paymentKey(reference)), List.of(reference, request.paymentReference(),
                        Long.toString(request.amount().amountMinor()), request.amount().currency(), Long.toString(now),
                        Long.toString(retention.toMillis()), request.metadata().getOrDefault("order_number", ""),
                        returnUrl == null ? "" : returnUrl.toString()))
                .next()
                .flatMap(created -> created == 1
                        ? redis.opsForZSet().add(INDEX, reference, now)
                                .then(redis.opsForZSet().removeRangeByScore(INDEX,
                                        Range.closed(0.0, (double) (now - retention.toMillis()))))
                                .thenReturn(reference)
                        : Mono.just(reference))
                .flatMap(this::load)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("Sandbox payment " + reference + " vanished")))
                .map(payment -> new InitializedPayment(PROVIDER, reference, null, payUrl.apply(reference),
                        payment.status()));
    }

    @Override
    public Mono<ProviderPayment> verify(String providerReference) {
        return load(providerReference).switchIfEmpty(Mono.error(() -> missing(providerReference)));
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
        return redis.execute(COMPLETE, List.of(paymentKey(reference)), List.of(status, Long.toString(clock.millis())))
                .next()
                .flatMap(result -> switch (result) {
                    case "changed", "same" -> load(reference);
                    case "missing" -> Mono.error(new NotFoundException("sandbox_payment_not_found",
                            "No sandbox payment " + reference));
                    default -> Mono.error(new ConflictException("sandbox_payment_completed",
                            "Sandbox payment " + reference + " is already " + result));
                })
                .map(payment -> new PaymentEvent(PROVIDER, "evt_" + reference + "_" + status.toLowerCase(java.util.Locale.ROOT),
                        outcome == Outcome.SUCCEED ? PaymentEvent.Type.PAYMENT_SUCCEEDED : PaymentEvent.Type.PAYMENT_FAILED,
                        outcome == Outcome.SUCCEED ? "payment.succeeded" : "payment.failed", reference,
                        payment.paymentReference(), null, payment.amount(), clock.instant()))
                .flatMap(event -> deliver(event).thenReturn(event));
    }

    @Override
    public Mono<ProviderRefund> refund(RefundRequest request) {
        String reference = request.providerReference();
        String refundId = "sbxre_" + digest(reference + "\n" + request.idempotencyKey());
        Money amount = request.amount();
        return redis.execute(REFUND, List.of(paymentKey(reference), paymentKey(reference) + ":r:" + refundId),
                        List.of(amount == null ? "" : Long.toString(amount.amountMinor()),
                                amount == null ? "" : amount.currency(), Long.toString(retention.toMillis())))
                .next()
                .flatMap(result -> {
                    if (result.startsWith("new:") || result.startsWith("existing:")) {
                        long refunded = Long.parseLong(result.substring(result.indexOf(':') + 1));
                        return load(reference).flatMap(payment -> {
                            ProviderRefund refund = new ProviderRefund(PROVIDER, refundId, reference,
                                    ProviderRefund.Status.SUCCEEDED, Money.of(refunded, payment.amount().currency()));
                            if (result.startsWith("existing:")) {
                                return Mono.just(refund);
                            }
                            PaymentEvent event = new PaymentEvent(PROVIDER, "evt_" + refundId,
                                    PaymentEvent.Type.REFUND_SUCCEEDED, "refund.succeeded", reference,
                                    payment.paymentReference(), refundId, refund.amount(), clock.instant());
                            // Like a real provider's, the announcement is separate from the refund: a failed
                            // delivery is logged, and the refund stands.
                            return deliver(event)
                                    .onErrorResume(SandboxWebhookNotDelivered.class, e -> {
                                        log.warn("Sandbox refund {} done, its webhook was not delivered: {}", refundId,
                                                e.getMessage());
                                        return Mono.empty();
                                    })
                                    .thenReturn(refund);
                        });
                    }
                    return Mono.error(switch (result) {
                        case "missing" -> missing(reference);
                        case "not_paid" -> new PaymentProviderRejected(PROVIDER, 400, "payment_not_succeeded",
                                "Only a succeeded payment can be refunded");
                        case "currency" -> new PaymentProviderRejected(PROVIDER, 400, "currency_mismatch",
                                "The refund's currency is not the payment's");
                        default -> new PaymentProviderRejected(PROVIDER, 400, "amount_too_large",
                                "The refund is more than what is left of the payment");
                    });
                });
    }

    @Override
    public Flux<ProviderPayment> transactions(Instant from, Instant to) {
        return redis.opsForZSet()
                .rangeByScore(INDEX, Range.closed((double) from.toEpochMilli(), (double) to.toEpochMilli()))
                .concatMap(this::load);
    }

    @Override
    public Mono<PaymentEvent> parseWebhook(HttpHeaders headers, byte[] rawBody) {
        return Mono.fromCallable(() -> {
            WebhookSignatures.verifyTimestamped(PROVIDER, headers.getFirst(SIGNATURE_HEADER), rawBody,
                    List.of(webhookSecret), webhookTolerance, clock);
            JsonNode event;
            try {
                event = json.readTree(rawBody);
            } catch (JacksonException e) {
                throw InvalidWebhook.malformedBody(PROVIDER, "is not JSON");
            }
            String id = text(event, "id");
            String type = text(event, "type");
            JsonNode data = event.path("data");
            if (id == null || type == null || !data.isObject()) {
                throw InvalidWebhook.malformedBody(PROVIDER, "is not a sandbox event");
            }
            Long amount = number(data, "amount");
            String currency = text(data, "currency");
            return new PaymentEvent(PROVIDER, id, switch (type) {
                case "payment.succeeded" -> PaymentEvent.Type.PAYMENT_SUCCEEDED;
                case "payment.failed" -> PaymentEvent.Type.PAYMENT_FAILED;
                case "refund.succeeded" -> PaymentEvent.Type.REFUND_SUCCEEDED;
                default -> PaymentEvent.Type.OTHER;
            }, type, text(data, "reference"), text(data, "payment_reference"), text(data, "refund_reference"),
                    amount == null || currency == null ? null : Money.of(amount, currency),
                    epochSeconds(event, "created"));
        });
    }

    /** The JSON body of a sandbox webhook: what {@link #parseWebhook} reads. */
    byte[] webhookBody(PaymentEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reference", event.providerReference());
        data.put("payment_reference", event.paymentReference());
        data.put("refund_reference", event.refundReference());
        data.put("amount", event.amount().amountMinor());
        data.put("currency", event.amount().currency());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.eventId());
        body.put("type", event.providerEventType());
        body.put("created", event.occurredAt().getEpochSecond());
        body.put("data", data);
        return json.writeValueAsBytes(body);
    }

    private Mono<Void> deliver(PaymentEvent event) {
        return Mono.defer(() -> {
            byte[] body = webhookBody(event);
            URI url = webhookUrl.get();
            return webhooks.post().uri(url)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(SIGNATURE_HEADER, WebhookSignatures.timestampedHeader(body, List.of(webhookSecret),
                            clock.instant()))
                    .bodyValue(body)
                    .retrieve()
                    .toBodilessEntity()
                    .then()
                    .onErrorMap(e -> new SandboxWebhookNotDelivered(url.toString(), e));
        });
    }

    /** The payment with what its pay page shows besides. */
    public Mono<PayPage> page(String reference) {
        return fields(reference).map(fields -> new PayPage(payment(reference, fields),
                        emptyToNull(fields.get("order")),
                        fields.get("return") == null || fields.get("return").isEmpty() ? null : URI.create(fields.get("return"))))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("sandbox_payment_not_found",
                        "No sandbox payment " + reference)));
    }

    private Mono<ProviderPayment> load(String reference) {
        return fields(reference).map(fields -> payment(reference, fields));
    }

    private Mono<Map<String, String>> fields(String reference) {
        return redis.<String, String>opsForHash().entries(paymentKey(reference))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .filter(fields -> fields.containsKey("status"));
    }

    private static ProviderPayment payment(String reference, Map<String, String> fields) {
        ProviderPaymentStatus status = ProviderPaymentStatus.valueOf(fields.get("status"));
        long amount = Long.parseLong(fields.get("amount"));
        long refunded = Long.parseLong(fields.getOrDefault("refunded", "0"));
        return new ProviderPayment(PROVIDER, reference, fields.get("payment"),
                status == ProviderPaymentStatus.SUCCEEDED && refunded >= amount ? ProviderPaymentStatus.REVERSED : status,
                Money.of(amount, fields.get("currency")), Instant.ofEpochMilli(Long.parseLong(fields.get("created"))));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String paymentKey(String reference) {
        return PREFIX + "{p:" + reference + "}";
    }

    private static PaymentProviderRejected missing(String reference) {
        return new PaymentProviderRejected(PROVIDER, 404, "resource_missing", "No sandbox payment " + reference);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Lua script with its SHA-1 computed once ({@code DefaultRedisScript} locks on every {@code getSha1()}). */
    private record Script<T>(Class<T> type, String text, String sha1) implements RedisScript<T> {

        Script(Class<T> type, String text) {
            this(type, text, sha1(text));
        }

        private static String sha1(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                        .digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String getSha1() {
            return sha1;
        }

        @Override
        public Class<T> getResultType() {
            return type;
        }

        @Override
        public String getScriptAsString() {
            return text;
        }
    }
}
