package dev.surge.payments.web;

import dev.surge.payments.domain.Payer;
import dev.surge.payments.domain.PaymentErrors;
import dev.surge.payments.domain.PaymentService;
import dev.surge.payments.web.PaymentRequests.CreatePaymentRequest;
import dev.surge.payments.web.PaymentRequests.RefundPaymentRequest;
import dev.surge.payments.web.PaymentResponses.PaymentResponse;
import dev.surge.payments.web.PaymentResponses.RefundResponse;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.idempotency.Idempotency;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.ratelimit.CallerLimits;
import dev.surge.platform.ratelimit.RateLimitProperties;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.PathIds;
import dev.surge.platform.web.RequestBodies;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Payments of orders over HTTP, for their payers and for finance: parses, says who is asking, delegates, maps. */
@Component
class PaymentsHandler {

    private final PaymentService payments;
    private final RequestBodies bodies;
    private final CallerLimits limits;

    PaymentsHandler(PaymentService payments, RequestBodies bodies, CallerLimits limits) {
        this.payments = payments;
        this.bodies = bodies;
        this.limits = limits;
    }

    // ---- payers

    Mono<ServerResponse> create(ServerRequest request) {
        return providerCall(request).then(bodies.read(request, CreatePaymentRequest.class)).flatMap(body -> {
            UUID orderId = Ids.parseOrNull(body.orderId());
            List<FieldViolation> violations = new ArrayList<>();
            if (orderId == null) {
                violations.add(new FieldViolation("orderId", "required", "The id of the order to pay"));
            }
            if (body.provider() != null && (body.provider().isBlank() || body.provider().length() > 40)) {
                violations.add(new FieldViolation("provider", "invalid", "A payment provider's name"));
            }
            if (!violations.isEmpty()) {
                return Mono.error(new PaymentErrors.InvalidPaymentRequest(violations));
            }
            return payer(body).flatMap(payer -> payments.initialize(orderId, body.provider(), payer))
                    .flatMap(payment -> ServerResponse.created(URI.create("/api/v1/payments/" + payment.id()))
                            .cacheControl(CacheControl.noStore())
                            .bodyValue(PaymentResponse.of(payment, List.of(), true)));
        });
    }

    Mono<ServerResponse> get(ServerRequest request) {
        UUID paymentId = paymentId(request);
        return staffOrCustomer().flatMap(payer -> payments.view(paymentId, payer)
                .flatMap(view -> noStore(PaymentResponse.of(view.payment(), view.refunds(), !(payer instanceof Payer.Staff)))));
    }

    Mono<ServerResponse> verify(ServerRequest request) {
        UUID paymentId = paymentId(request);
        return providerCall(request).then(staffOrCustomer()).flatMap(payer -> payments.verify(paymentId, payer)
                .flatMap(view -> noStore(PaymentResponse.of(view.payment(), view.refunds(), !(payer instanceof Payer.Staff)))));
    }

    /** Creating and verifying a payment each call the provider: limited per address and per account. */
    private Mono<Void> providerCall(ServerRequest request) {
        return limits.consume(request, RateLimitProperties.PAYMENT_IP, RateLimitProperties.PAYMENT_ACCOUNT);
    }

    // ---- finance

    Mono<ServerResponse> refund(ServerRequest request) {
        UUID paymentId = paymentId(request);
        String key = request.headers().firstHeader(Idempotency.HEADER);
        return Principals.current().flatMap(caller -> optionalBody(request)
                .flatMap(body -> {
                    if (body.amountMinor() != null && body.amountMinor() <= 0) {
                        return Mono.error(new PaymentErrors.InvalidRefundAmount());
                    }
                    return payments.refund(paymentId, body.amountMinor(), key, caller.userId());
                }))
                .flatMap(refund -> ServerResponse.created(URI.create("/api/v1/payments/" + paymentId))
                        .cacheControl(CacheControl.noStore()).bodyValue(RefundResponse.of(refund)));
    }

    Mono<ServerResponse> retryRefund(ServerRequest request) {
        UUID paymentId = paymentId(request);
        UUID refundId = PathIds.required(request, "refundId", PaymentErrors.RefundNotFound::new);
        return payments.retryRefund(paymentId, refundId)
                .flatMap(refund -> ServerResponse.ok().cacheControl(CacheControl.noStore())
                        .bodyValue(RefundResponse.of(refund)));
    }

    // ---- parsing

    private static Mono<Payer> payer(CreatePaymentRequest body) {
        return staffOrCustomer()
                .onErrorResume(AuthenticationCredentialsNotFoundException.class, e -> {
                    if (body.email() == null || body.token() == null || body.email().length() > 254
                            || body.token().length() > 100) {
                        return Mono.error(new PaymentErrors.GuestCredentialsRequired());
                    }
                    return Mono.just(new Payer.Guest(body.email(), body.token()));
                });
    }

    private static Mono<Payer> staffOrCustomer() {
        return Principals.current().map(Payer::signedIn);
    }

    private static UUID paymentId(ServerRequest request) {
        return PathIds.required(request, "paymentId", PaymentErrors.PaymentNotFound::new);
    }

    private Mono<RefundPaymentRequest> optionalBody(ServerRequest request) {
        boolean none = request.headers().contentLength().orElse(-1) == 0 || request.headers().contentType().isEmpty();
        return none ? Mono.just(new RefundPaymentRequest(null))
                : bodies.read(request, RefundPaymentRequest.class).defaultIfEmpty(new RefundPaymentRequest(null));
    }

    private static Mono<ServerResponse> noStore(Object body) {
        return ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(body);
    }
}
