package dev.surge.payments.paystack;

import static dev.surge.payments.gateway.JsonFields.number;
import static dev.surge.payments.gateway.JsonFields.text;
import static dev.surge.payments.paystack.PaystackObjects.amount;
import static dev.surge.payments.paystack.PaystackObjects.refundStatus;

import dev.surge.payments.PaymentProviderRejected;
import dev.surge.payments.config.PaymentsProperties;
import dev.surge.payments.gateway.GatewayHttp;
import dev.surge.payments.gateway.GatewayResilience;
import dev.surge.payments.gateway.InitializedPayment;
import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.payments.gateway.HttpPaymentGateway;
import dev.surge.payments.gateway.PaymentRequest;
import dev.surge.payments.gateway.ProviderApi;
import dev.surge.payments.gateway.ProviderPayment;
import dev.surge.payments.gateway.ProviderPaymentStatus;
import dev.surge.payments.gateway.ProviderRefund;
import dev.surge.payments.gateway.RefundRequest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
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
 *   <li>cancel: Paystack has no API to cancel a transaction, so nothing is sent: the reference is retired on
 *       our side (the payment ends cancelled here, a new payment needs a new reference), and a success that
 *       still comes for it is applied as a late payment and refunded.</li>
 *   <li>webhooks: signed with the secret key, read by {@link PaystackWebhooks}.</li>
 * </ul>
 * <b>Confirm before granting value.</b> As Paystack requires, a signed {@code charge.success} is not enough:
 * the payments service calls {@link #confirm(PaymentEvent)}, which verifies the transaction with the API and
 * answers the event as the API sees it (status, amount, currency), and applies only that. Refund events are
 * confirmed with {@code GET /refund/{id}} the same way.
 * <p>
 * Amounts are Paystack's subunits, the ISO minor units (see {@link PaystackObjects}).
 */
public class PaystackGateway extends HttpPaymentGateway {

    public static final String PROVIDER = "paystack";
    static final String SIGNATURE_HEADER = "x-paystack-signature";

    private final PaystackWebhooks webhooks;
    private final PaymentsProperties.Paystack settings;

    /** {@code http}: a client whose base URL is Paystack's API (see {@link GatewayHttp#webClient}). */
    public PaystackGateway(WebClient http, PaymentsProperties.Paystack settings, GatewayResilience resilience,
            JsonMapper json) {
        super(new ProviderApi(http, json, PROVIDER, headers -> headers.setBearerAuth(settings.secretKey()),
                PaystackGateway::rejected), resilience);
        this.webhooks = new PaystackWebhooks(settings.secretKey(), json);
        this.settings = settings;
    }

    /** Paystack's refund API takes no idempotency key: a second POST would be a second refund. */
    @Override
    public boolean idempotentRefunds() {
        return false;
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
            return resilience().once(post("/transaction/initialize", body))
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
        return read(uri -> uri.path("/transaction/verify/{reference}").build(providerReference))
                .map(answer -> PaystackObjects.payment(answer.path("data")));
    }

    /** No call: see the class comment. */
    @Override
    public Mono<ProviderPayment> cancel(String providerReference, String idempotencyKey) {
        return Mono.just(new ProviderPayment(PROVIDER, providerReference, null, ProviderPaymentStatus.CANCELED, null,
                null));
    }

    @Override
    public Mono<ProviderRefund> refund(RefundRequest request) {
        return Mono.defer(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("transaction", request.providerReference());
            if (request.amount() != null) {
                body.put("amount", Long.toString(request.amount().amountMinor()));
            }
            return resilience().once(post("/refund", body)).map(answer -> {
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
        return Mono.fromCallable(() -> webhooks.parse(headers, rawBody));
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
                    : read(uri -> uri.path("/refund/{id}").build(event.refundReference()))
                            .map(answer -> {
                                JsonNode data = answer.path("data");
                                return event.confirmedAs(refundStatus(text(data, "status")).eventType(), amount(data));
                            });
            case DISPUTE, OTHER -> Mono.just(event);
        };
    }

    private Mono<Page> page(Instant from, Instant to, int number) {
        return read(uri -> uri.path("/transaction")
                .queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .queryParam("page", number)
                .queryParam("perPage", settings.pageSize())
                .build()).map(answer -> {
            List<ProviderPayment> payments = new ArrayList<>();
            for (JsonNode transaction : answer.path("data")) {
                payments.add(PaystackObjects.payment(transaction));
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
        return api().post(path, headers -> { }, MediaType.APPLICATION_JSON,
                BodyInserters.fromValue(api().json().writeValueAsBytes(body)));
    }

    /** Paystack's errors: {@code {"status": false, "message": "...", "code": "...", "type": "..."}}. */
    private static PaymentProviderRejected rejected(int status, JsonNode body) {
        String code = text(body, "code");
        return new PaymentProviderRejected(PROVIDER, status, code != null ? code : text(body, "type"),
                text(body, "message"));
    }
}
