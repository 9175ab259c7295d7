package dev.surge.payments.paystack;

import dev.surge.payments.gateway.DisputeStatus;
import dev.surge.payments.gateway.InvalidWebhook;
import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.payments.gateway.WebhookJson;
import dev.surge.payments.gateway.WebhookSignatures;
import dev.surge.platform.crypto.Sha256;
import dev.surge.platform.persistence.Money;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;
import static dev.surge.payments.gateway.JsonFields.instant;
import static dev.surge.payments.gateway.JsonFields.number;
import static dev.surge.payments.gateway.JsonFields.text;
import static dev.surge.payments.paystack.PaystackObjects.amount;
import static dev.surge.payments.paystack.PaystackObjects.paymentReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Paystack's webhooks: {@code x-paystack-signature} must be the hex HMAC-SHA512 of the raw body under the
 * secret key. Paystack events carry no id; ours is the event name and the object's id
 * ({@code charge.success:302961}), the same for every repeat of a delivery; a dispute event adds the dispute's
 * status and resolution, as one dispute sends several events of one name. The body has no timestamp, so
 * there is no age check: a replayed delivery is a duplicate, which the exactly-once record absorbs, and
 * {@link PaystackGateway#confirm} asks the API anyway.
 */
final class PaystackWebhooks {

    private final String secretKey;
    private final JsonMapper json;

    PaystackWebhooks(String secretKey, JsonMapper json) {
        this.secretKey = secretKey;
        this.json = json;
    }

    /** The event of a delivery whose signature checked out; throws {@link InvalidWebhook} otherwise. */
    PaymentEvent parse(HttpHeaders headers, byte[] rawBody) {
        String signature = headers.getFirst(PaystackGateway.SIGNATURE_HEADER);
        if (signature == null || signature.isBlank()) {
            throw new InvalidWebhook.MalformedSignature(PaystackGateway.PROVIDER, "is missing");
        }
        if (!StringUtils.hasText(secretKey)
                || !WebhookSignatures.hmacMatches("HmacSHA512", secretKey, rawBody, signature.trim())) {
            throw new InvalidWebhook.BadSignature(PaystackGateway.PROVIDER);
        }
        return event(readEvent(rawBody), rawBody);
    }

    private JsonNode readEvent(byte[] rawBody) {
        JsonNode event = WebhookJson.read(json, PaystackGateway.PROVIDER, rawBody);
        if (text(event, "event") == null || !event.path("data").isObject()) {
            throw new InvalidWebhook.MalformedBody(PaystackGateway.PROVIDER, "is not a Paystack event");
        }
        return event;
    }

    private static PaymentEvent event(JsonNode event, byte[] rawBody) {
        String type = text(event, "event");
        JsonNode data = event.path("data");
        String objectId = text(data, "id");
        String eventId = type + ":" + (objectId != null ? objectId : sha256(rawBody));
        switch (type) {
            case "charge.success", "charge.failed": {
                Instant at = instant(data, "paid_at");
                return new PaymentEvent(PaystackGateway.PROVIDER, eventId,
                        type.equals("charge.success") ? PaymentEvent.Type.PAYMENT_SUCCEEDED : PaymentEvent.Type.PAYMENT_FAILED,
                        type, text(data, "reference"), paymentReference(data), null, amount(data),
                        at != null ? at : instant(data, "created_at"));
            }
            case "refund.processed", "refund.failed":
                return new PaymentEvent(PaystackGateway.PROVIDER, eventId,
                        type.equals("refund.processed") ? PaymentEvent.Type.REFUND_SUCCEEDED : PaymentEvent.Type.REFUND_FAILED,
                        type, text(data, "transaction_reference"), null, objectId, amount(data),
                        instant(data, "refunded_at"));
            case "charge.dispute.create", "charge.dispute.remind", "charge.dispute.resolve": {
                String reference = text(data, "transaction", "reference");
                return new PaymentEvent(PaystackGateway.PROVIDER, eventId + ":" + disputeState(data), PaymentEvent.Type.DISPUTE,
                        type, reference != null ? reference : text(data, "transaction_reference"), null, null,
                        disputeAmount(data), instant(data, "updated_at"),
                        new PaymentEvent.Dispute(objectId, disputeStatus(data), disputeState(data), text(data, "category")));
            }
            default:
                String reference = text(data, "reference");
                return new PaymentEvent(PaystackGateway.PROVIDER, eventId, PaymentEvent.Type.OTHER, type,
                        reference != null ? reference : text(data, "transaction_reference"), null, null, null, null);
        }
    }

    /**
     * Paystack's dispute: {@code status} {@code awaiting-merchant-feedback} (answer it), {@code pending} or
     * {@code awaiting-bank-feedback} (under review), {@code resolved} with a {@code resolution}:
     * {@code declined} (the merchant won) or {@code merchant-accepted} (the payer gets the money). A resolved
     * dispute whose resolution is missing or unknown is taken as lost, so finance looks at it.
     */
    static DisputeStatus disputeStatus(JsonNode data) {
        String status = text(data, "status");
        if ("resolved".equals(status) || "archived".equals(status)) {
            return "declined".equals(text(data, "resolution")) ? DisputeStatus.WON : DisputeStatus.LOST;
        }
        return "awaiting-merchant-feedback".equals(status) ? DisputeStatus.NEEDS_RESPONSE : DisputeStatus.UNDER_REVIEW;
    }

    private static String disputeState(JsonNode data) {
        String resolution = text(data, "resolution");
        String status = text(data, "status");
        return resolution != null ? status + "/" + resolution : status;
    }

    /** What the payer claims back: {@code refund_amount} when given, else the transaction's amount. */
    private static Money disputeAmount(JsonNode data) {
        Long claimed = number(data, "refund_amount");
        String currency = text(data, "currency") != null ? text(data, "currency") : text(data, "transaction", "currency");
        if (claimed == null || currency == null || !Money.isCurrencyCode(currency)) {
            return amount(data.path("transaction"));
        }
        return Money.of(claimed, currency);
    }

    private static String sha256(byte[] body) {
        return Sha256.hex(body);
    }
}
