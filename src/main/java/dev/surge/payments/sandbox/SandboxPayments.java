package dev.surge.payments.sandbox;

import dev.surge.payments.PaymentProviderRejected;
import dev.surge.payments.domain.PaymentErrors;
import dev.surge.payments.gateway.PaymentRequest;
import dev.surge.payments.gateway.ProviderPayment;
import dev.surge.payments.gateway.ProviderPaymentStatus;
import dev.surge.payments.gateway.ProviderRefund;
import dev.surge.payments.sandbox.SandboxGateway.PayPage;
import dev.surge.platform.persistence.Money;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import dev.surge.platform.persistence.LuaScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sandbox's payments as it keeps them in Redis: one hash per payment under
 * {@code surge:pay:sandbox:{p:<reference>}}, its refunds beside it under the same hash tag, and an index by
 * creation time, each for {@code retention}. Every instance therefore sees every sandbox payment. Each change
 * is one Lua script, so two concurrent completions cannot both win, and a refund can never exceed the payment.
 */
class SandboxPayments {

    private static final String PREFIX = "surge:pay:sandbox:";
    private static final String INDEX = PREFIX + "created";

    private static final LuaScript<Long> CREATE = LuaScript.load(Long.class, "redis/payments/sandbox-create.lua");

    /** PENDING → SUCCEEDED or FAILED once; answers changed, same (already so), missing or the other status. */
    private static final LuaScript<String> COMPLETE = LuaScript.load(String.class, "redis/payments/sandbox-complete.lua");

    /** PENDING → CANCELED; answers changed, missing, or the status the payment already has. */
    private static final LuaScript<String> CANCEL = LuaScript.load(String.class, "redis/payments/sandbox-cancel.lua");

    /**
     * A refund of a succeeded payment, never past what is left: answers new:<amount>, existing:<amount>
     * (the same key again), missing, not_paid, currency or over.
     */
    private static final LuaScript<String> REFUND = LuaScript.load(String.class, "redis/payments/sandbox-refund.lua");

    /** A refund that had succeeded, failed: answers failed:<amount>, same (failed before) or missing. */
    private static final LuaScript<String> FAIL_REFUND = LuaScript.load(String.class, "redis/payments/sandbox-refund-fail.lua");

    /**
     * A refund the script took: {@code amount} in the payment's currency; {@code fresh} false when the same
     * refund id was taken before (nothing changed this time).
     */
    record Refunded(ProviderPayment payment, long amount, boolean fresh) {
    }

    private final ReactiveStringRedisTemplate redis;
    private final Duration retention;
    private final Clock clock;

    SandboxPayments(ReactiveStringRedisTemplate redis, Duration retention, Clock clock) {
        this.redis = redis;
        this.retention = retention;
        this.clock = clock;
    }

    /** Stores a pending payment under {@code reference}, or finds the one already stored (a repeated key). */
    Mono<ProviderPayment> create(String reference, PaymentRequest request, URI returnUrl) {
        long now = clock.millis();
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
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("Sandbox payment " + reference + " vanished")));
    }

    /**
     * Ends a pending payment as {@code status} (SUCCEEDED or FAILED); the same again changes nothing.
     *
     * @return the payment, or an error: not found, or completed the other way (conflict)
     */
    Mono<ProviderPayment> complete(String reference, String status) {
        return redis.execute(COMPLETE, List.of(paymentKey(reference)), List.of(status, Long.toString(clock.millis())))
                .next()
                .flatMap(result -> switch (result) {
                    case "changed", "same" -> load(reference);
                    case "missing" -> Mono.error(new PaymentErrors.SandboxPaymentNotFound(reference));
                    default -> Mono.error(new PaymentErrors.SandboxPaymentCompleted(reference, result));
                });
    }

    /**
     * Cancels a pending payment, as Stripe cancels a PaymentIntent: it can no longer be completed. A payment
     * that already ended is answered as it is.
     */
    Mono<ProviderPayment> cancel(String reference) {
        return redis.execute(CANCEL, List.of(paymentKey(reference)), List.of(Long.toString(clock.millis())))
                .next()
                .flatMap(result -> "missing".equals(result)
                        ? Mono.<ProviderPayment>error(new PaymentErrors.SandboxReferenceUnknown(reference))
                        : load(reference));
    }

    /** Takes a refund of {@code amount} (null: all that is left) under {@code refundId}, refused as a provider would. */
    Mono<Refunded> refund(String reference, String refundId, Money amount) {
        return redis.execute(REFUND, List.of(paymentKey(reference), paymentKey(reference) + ":r:" + refundId),
                        List.of(amount == null ? "" : Long.toString(amount.amountMinor()),
                                amount == null ? "" : amount.currency(), Long.toString(retention.toMillis())))
                .next()
                .flatMap(result -> {
                    if (result.startsWith("new:") || result.startsWith("existing:")) {
                        long refunded = Long.parseLong(result.substring(result.indexOf(':') + 1));
                        return load(reference).map(payment -> new Refunded(payment, refunded, result.startsWith("new:")));
                    }
                    return Mono.error(switch (result) {
                        case "missing" -> new PaymentErrors.SandboxReferenceUnknown(reference);
                        case "not_paid" -> new PaymentProviderRejected(SandboxGateway.PROVIDER, 400, "payment_not_succeeded",
                                "Only a succeeded payment can be refunded");
                        case "currency" -> new PaymentProviderRejected(SandboxGateway.PROVIDER, 400, "currency_mismatch",
                                "The refund's currency is not the payment's");
                        default -> new PaymentProviderRejected(SandboxGateway.PROVIDER, 400, "amount_too_large",
                                "The refund is more than what is left of the payment");
                    });
                });
    }

    /** A refund as the sandbox holds it now, or empty when there is none (any more). */
    Mono<ProviderRefund> refund(String reference, String refundId) {
        return load(reference).flatMap(payment -> redis.<String, String>opsForHash()
                .entries(paymentKey(reference) + ":r:" + refundId)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .filter(fields -> fields.containsKey("amount"))
                .map(fields -> new ProviderRefund(SandboxGateway.PROVIDER, refundId, reference,
                        ProviderRefund.Status.valueOf(fields.getOrDefault("status", "SUCCEEDED")),
                        Money.of(Long.parseLong(fields.get("amount")), payment.amount().currency()))));
    }

    /** Fails a refund that had succeeded; the refund as it is then (failed), or an error when there is none. */
    Mono<ProviderRefund> failRefund(String reference, String refundId) {
        return redis.execute(FAIL_REFUND, List.of(paymentKey(reference), paymentKey(reference) + ":r:" + refundId), List.of())
                .next()
                .flatMap(result -> "missing".equals(result)
                        ? Mono.<ProviderRefund>error(new PaymentErrors.SandboxReferenceUnknown(reference + "/" + refundId))
                        : refund(reference, refundId));
    }

    /**
     * The payments created in {@code [from, to]}, still kept. The references are read whole before the
     * payments: a range reply held open while each payment is loaded on the same connection stalls it past
     * the command timeout once the window holds a few hundred payments.
     */
    Flux<ProviderPayment> createdBetween(Instant from, Instant to) {
        return redis.opsForZSet()
                .rangeByScore(INDEX, Range.closed((double) from.toEpochMilli(), (double) to.toEpochMilli()))
                .collectList()
                .flatMapMany(references -> Flux.fromIterable(references).flatMapSequential(this::load, 16));
    }

    /** The payment with what its pay page shows besides. */
    Mono<PayPage> page(String reference) {
        return fields(reference).map(fields -> new PayPage(payment(reference, fields),
                        emptyToNull(fields.get("order")),
                        fields.get("return") == null || fields.get("return").isEmpty() ? null : URI.create(fields.get("return"))))
                .switchIfEmpty(Mono.error(() -> new PaymentErrors.SandboxPaymentNotFound(reference)));
    }

    /** The payment, or empty when there is none (any more). */
    Mono<ProviderPayment> load(String reference) {
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
        return new ProviderPayment(SandboxGateway.PROVIDER, reference, fields.get("payment"),
                status == ProviderPaymentStatus.SUCCEEDED && refunded >= amount ? ProviderPaymentStatus.REVERSED : status,
                Money.of(amount, fields.get("currency")), Instant.ofEpochMilli(Long.parseLong(fields.get("created"))));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String paymentKey(String reference) {
        return PREFIX + "{p:" + reference + "}";
    }
}
