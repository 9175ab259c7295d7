package dev.surge.payments.sandbox;

import static dev.surge.payments.gateway.JsonFields.epochSeconds;
import static dev.surge.payments.gateway.JsonFields.number;
import static dev.surge.payments.gateway.JsonFields.text;

import dev.surge.payments.gateway.DisputeStatus;
import dev.surge.payments.gateway.InvalidWebhook;
import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.payments.gateway.WebhookJson;
import dev.surge.payments.gateway.WebhookSignatures;
import dev.surge.platform.persistence.Money;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's webhooks, both ends: it signs and POSTs them to Surge's webhook endpoint like Stripe does
 * ({@code Surge-Sandbox-Signature: t=...,v1=...}, HMAC-SHA256 of {@code t.body}), and checks and reads them
 * the same way, with the same tolerance, so what one side writes the other reads.
 */
class SandboxWebhooks {

    private final WebClient client;
    private final Supplier<URI> url;
    private final String secret;
    private final Duration tolerance;
    private final JsonMapper json;
    private final Clock clock;

    /**
     * @param client delivers the webhooks (with timeouts)
     * @param url    where to deliver them, asked at each delivery (the local port is known only once the server runs)
     * @param secret signs deliveries, and checks what is received
     */
    SandboxWebhooks(WebClient client, Supplier<URI> url, String secret, Duration tolerance, JsonMapper json,
            Clock clock) {
        this.client = client;
        this.url = url;
        this.secret = secret;
        this.tolerance = tolerance;
        this.json = json;
        this.clock = clock;
    }

    /** Delivers {@code event}, signed; an endpoint that does not answer 2xx is {@link SandboxWebhookNotDelivered}. */
    Mono<Void> deliver(PaymentEvent event) {
        return Mono.defer(() -> {
            byte[] body = body(event);
            URI target = url.get();
            return client.post().uri(target)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(SandboxGateway.SIGNATURE_HEADER, WebhookSignatures.timestampedHeader(body, List.of(secret),
                            clock.instant()))
                    .bodyValue(body)
                    .retrieve()
                    .toBodilessEntity()
                    .then()
                    .onErrorMap(e -> new SandboxWebhookNotDelivered(target.toString(), e));
        });
    }

    /** A received delivery, once its signature checked out. */
    Mono<PaymentEvent> parse(HttpHeaders headers, byte[] rawBody) {
        return Mono.fromCallable(() -> {
            WebhookSignatures.verifyTimestamped(SandboxGateway.PROVIDER, headers.getFirst(SandboxGateway.SIGNATURE_HEADER),
                    rawBody, List.of(secret), tolerance, clock);
            JsonNode event = WebhookJson.read(json, SandboxGateway.PROVIDER, rawBody);
            String id = text(event, "id");
            String type = text(event, "type");
            JsonNode data = event.path("data");
            if (id == null || type == null || !data.isObject()) {
                throw new InvalidWebhook.MalformedBody(SandboxGateway.PROVIDER, "is not a sandbox event");
            }
            Long amount = number(data, "amount");
            String currency = text(data, "currency");
            PaymentEvent.Type kind = switch (type) {
                case "payment.succeeded" -> PaymentEvent.Type.PAYMENT_SUCCEEDED;
                case "payment.failed" -> PaymentEvent.Type.PAYMENT_FAILED;
                case "refund.succeeded" -> PaymentEvent.Type.REFUND_SUCCEEDED;
                case "refund.failed" -> PaymentEvent.Type.REFUND_FAILED;
                case "dispute.created", "dispute.updated", "dispute.closed" -> PaymentEvent.Type.DISPUTE;
                default -> PaymentEvent.Type.OTHER;
            };
            return new PaymentEvent(SandboxGateway.PROVIDER, id, kind, type, text(data, "reference"),
                    text(data, "payment_reference"), text(data, "refund_reference"),
                    amount == null || currency == null ? null : Money.of(amount, currency),
                    epochSeconds(event, "created"), kind == PaymentEvent.Type.DISPUTE ? dispute(data) : null);
        });
    }

    /** A sandbox dispute: {@code dispute_reference}, {@code dispute_status} (a {@link DisputeStatus} name), {@code reason}. */
    private static PaymentEvent.Dispute dispute(JsonNode data) {
        String status = text(data, "dispute_status");
        DisputeStatus known = status == null ? null : java.util.Arrays.stream(DisputeStatus.values())
                .filter(value -> value.name().equals(status)).findFirst().orElse(null);
        if (known == null) {
            throw new InvalidWebhook.MalformedBody(SandboxGateway.PROVIDER, "has no known dispute_status");
        }
        return new PaymentEvent.Dispute(text(data, "dispute_reference"), known, status, text(data, "reason"));
    }

    /** The JSON body of a sandbox webhook: what {@link #parse} reads. */
    byte[] body(PaymentEvent event) {
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
}
