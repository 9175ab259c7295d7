package dev.surge.payments.web;

import dev.surge.payments.UnknownPaymentProvider;
import dev.surge.payments.domain.PaymentErrors;
import dev.surge.payments.domain.PaymentEventProcessor;
import dev.surge.payments.domain.PaymentReconciliation;
import dev.surge.payments.domain.PaymentService;
import dev.surge.payments.domain.Payer;
import dev.surge.payments.sandbox.SandboxGateway;
import dev.surge.payments.web.PaymentRequests.CompleteSandboxPaymentRequest;
import dev.surge.payments.web.PaymentRequests.CreatePaymentRequest;
import dev.surge.payments.web.PaymentRequests.RefundPaymentRequest;
import dev.surge.payments.web.PaymentResponses.PaymentResponse;
import dev.surge.payments.web.PaymentResponses.ReconciliationRunResponse;
import dev.surge.payments.web.PaymentResponses.RefundResponse;
import dev.surge.payments.web.PaymentResponses.SandboxPaymentResponse;
import dev.surge.payments.web.PaymentResponses.WebhookReceipt;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.idempotency.Idempotency;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.PathIds;
import dev.surge.platform.web.QueryParams;
import dev.surge.platform.web.RequestBodies;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Payments over HTTP: parses, says who is asking, delegates, maps. */
@Component
class PaymentsHandler {

    private static final List<String> STAFF = List.of("FINANCE", "ADMIN", "SUPER_ADMIN");

    private final PaymentService payments;
    private final PaymentEventProcessor events;
    private final PaymentReconciliation reconciliation;
    private final ObjectProvider<SandboxGateway> sandbox;
    private final RequestBodies bodies;

    PaymentsHandler(PaymentService payments, PaymentEventProcessor events, PaymentReconciliation reconciliation,
            ObjectProvider<SandboxGateway> sandbox, RequestBodies bodies) {
        this.payments = payments;
        this.events = events;
        this.reconciliation = reconciliation;
        this.sandbox = sandbox;
        this.bodies = bodies;
    }

    // ---- payers

    Mono<ServerResponse> create(ServerRequest request) {
        return bodies.read(request, CreatePaymentRequest.class).flatMap(body -> {
            UUID orderId = Ids.parseOrNull(body.orderId());
            List<FieldViolation> violations = new ArrayList<>();
            if (orderId == null) {
                violations.add(new FieldViolation("orderId", "required", "The id of the order to pay"));
            }
            if (body.provider() != null && (body.provider().isBlank() || body.provider().length() > 40)) {
                violations.add(new FieldViolation("provider", "invalid", "A payment provider's name"));
            }
            if (!violations.isEmpty()) {
                return Mono.error(new InvalidInputException("validation_failed", "The payment request is not valid",
                        violations));
            }
            return payer(request, body).flatMap(payer -> payments.initialize(orderId, body.provider(), payer))
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
        return staffOrCustomer().flatMap(payer -> payments.verify(paymentId, payer)
                .flatMap(view -> noStore(PaymentResponse.of(view.payment(), view.refunds(), !(payer instanceof Payer.Staff)))));
    }

    // ---- finance

    Mono<ServerResponse> refund(ServerRequest request) {
        UUID paymentId = paymentId(request);
        String key = request.headers().firstHeader(Idempotency.HEADER);
        return Principals.current().flatMap(caller -> optionalBody(request)
                .flatMap(body -> {
                    if (body.amountMinor() != null && body.amountMinor() <= 0) {
                        return Mono.error(new InvalidInputException("validation_failed", "The refund is not valid",
                                List.of(new FieldViolation("amountMinor", "invalid", "More than zero, or absent for all that is left"))));
                    }
                    return payments.refund(paymentId, body.amountMinor(), key, caller.userId());
                }))
                .flatMap(refund -> ServerResponse.created(URI.create("/api/v1/payments/" + paymentId))
                        .cacheControl(CacheControl.noStore()).bodyValue(RefundResponse.of(refund)));
    }

    Mono<ServerResponse> reconciliationReport(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        UUID runId = params.text("run").map(text -> {
            UUID id = Ids.parseOrNull(text);
            if (id == null) {
                params.reject("run", "invalid", "A reconciliation run id");
            }
            return id;
        }).orElse(null);
        params.validate();
        Flux<String> lines = Flux.concat(Flux.just("detected_at,run_id,provider,kind,payment_id,provider_reference,"
                        + "our_status,provider_status,our_amount_minor,provider_amount_minor,currency\n"),
                reconciliation.report(runId).map(m -> String.join(",", m.detectedAt().toString(), m.runId().toString(),
                        csv(m.provider()), m.kind(), m.paymentId() == null ? "" : m.paymentId().toString(),
                        csv(m.providerReference()), csv(m.ourStatus()), csv(m.providerStatus()),
                        m.ourAmountMinor() == null ? "" : m.ourAmountMinor().toString(),
                        m.providerAmountMinor() == null ? "" : m.providerAmountMinor().toString(), csv(m.currency())) + "\n"));
        return ServerResponse.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"payment-reconciliation.csv\"")
                .cacheControl(CacheControl.noStore())
                .body(lines, String.class);
    }

    Mono<ServerResponse> reconcileNow(ServerRequest request) {
        QueryParams params = QueryParams.of(request);
        Instant to = instant(params, "to");
        Instant from = instant(params, "from");
        params.validate();
        Instant end = to != null ? to : Instant.now();
        Instant start = from != null ? from : end.minus(Duration.ofDays(1));
        if (!start.isBefore(end)) {
            return Mono.error(new InvalidInputException("validation_failed", "from must be before to",
                    List.of(new FieldViolation("from", "invalid", "Before to"))));
        }
        return reconciliation.run(start, end)
                .flatMap(result -> ServerResponse.ok().cacheControl(CacheControl.noStore())
                        .bodyValue(ReconciliationRunResponse.of(result)));
    }

    // ---- providers

    /** A webhook: the exact bytes received (within the body size limit) go to the gateway's signature check. */
    Mono<ServerResponse> webhook(ServerRequest request) {
        String provider = request.pathVariable("provider").toLowerCase(Locale.ROOT);
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()))
                .map(PaymentsHandler::bytes)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> events.receive(provider, request.headers().asHttpHeaders(), body))
                .onErrorMap(UnknownPaymentProvider.class, e -> new NotFoundException("not_found",
                        "No webhook endpoint for " + provider))
                .flatMap(isNew -> noStore(new WebhookReceipt(true, !isNew)));
    }

    // ---- sandbox (local run and demos)

    /** The pay page to a browser (its Accept names text/html), the payment as JSON to anyone else. */
    Mono<ServerResponse> sandboxPayment(ServerRequest request) {
        String reference = request.pathVariable("reference");
        if (SandboxPayPage.wantsHtml(request)) {
            return sandbox().page(reference).flatMap(page -> ServerResponse.ok()
                    .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                    .cacheControl(CacheControl.noStore())
                    .header("Content-Security-Policy", SandboxPayPage.contentSecurityPolicy(page))
                    // With no-referrer (the API's policy) browsers send "Origin: null" with the form's post,
                    // which CORS refuses; same-origin keeps the page's own origin on it and tells no one else.
                    .header("Referrer-Policy", "same-origin")
                    .bodyValue(SandboxPayPage.render(page, request.path() + "/complete")));
        }
        return sandbox().verify(reference).flatMap(payment -> noStore(SandboxPaymentResponse.of(payment)));
    }

    /**
     * Completes a sandbox payment: from the pay page's form (then the shopper is sent on with a 303, to the
     * return URL or back to the page, which shows the result), or as JSON from an API client.
     */
    Mono<ServerResponse> completeSandboxPayment(ServerRequest request) {
        SandboxGateway gateway = sandbox();
        String reference = request.pathVariable("reference");
        boolean form = request.headers().contentType()
                .filter(MediaType.APPLICATION_FORM_URLENCODED::isCompatibleWith).isPresent();
        if (form) {
            return request.formData()
                    // Spring's form reader rejects broken percent-encoding ("%ZZ") with a bare IllegalArgumentException.
                    .onErrorMap(IllegalArgumentException.class, e -> new InvalidInputException("malformed_form",
                            "The form is not valid application/x-www-form-urlencoded", List.of()))
                    .flatMap(fields -> outcome(fields.getFirst("outcome")))
                    .flatMap(outcome -> gateway.complete(reference, outcome)
                            // Completed the other way already (a second tab, say): the page shows how it ended.
                            .onErrorResume(dev.surge.platform.errors.ConflictException.class, e -> Mono.empty()))
                    .then(gateway.page(reference))
                    .flatMap(page -> ServerResponse.seeOther(SandboxPayPage.after(page,
                            request.path().substring(0, request.path().length() - "/complete".length()))).build());
        }
        return bodies.read(request, CompleteSandboxPaymentRequest.class)
                .flatMap(body -> outcome(body.outcome()))
                .flatMap(outcome -> gateway.complete(reference, outcome).then(gateway.verify(reference)))
                .flatMap(payment -> noStore(SandboxPaymentResponse.of(payment)));
    }

    private static Mono<SandboxGateway.Outcome> outcome(String value) {
        try {
            return Mono.just(SandboxGateway.Outcome.valueOf(value == null ? "" : value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Mono.error(new InvalidInputException("validation_failed", "Unknown outcome",
                    List.of(new FieldViolation("outcome", "invalid", "SUCCEED or FAIL"))));
        }
    }

    private SandboxGateway sandbox() {
        SandboxGateway gateway = sandbox.getIfAvailable();
        if (gateway == null) {
            throw new NotFoundException("not_found", "The payment sandbox is not enabled");
        }
        return gateway;
    }

    // ---- parsing

    private static Mono<Payer> payer(ServerRequest request, CreatePaymentRequest body) {
        return Principals.current().<Payer>map(caller -> caller.hasAnyRole(STAFF.toArray(String[]::new))
                        ? new Payer.Staff(caller.userId()) : new Payer.Customer(caller.userId()))
                .onErrorResume(AuthenticationCredentialsNotFoundException.class, e -> {
                    if (body.email() == null || body.token() == null || body.email().length() > 254
                            || body.token().length() > 100) {
                        return Mono.error(new InvalidInputException("validation_failed",
                                "A guest pays with the order's email and access token", List.of(
                                        new FieldViolation("email", "required", "The order's email"),
                                        new FieldViolation("token", "required", "The order's access token"))));
                    }
                    return Mono.just(new Payer.Guest(body.email(), body.token()));
                });
    }

    private static Mono<Payer> staffOrCustomer() {
        return Principals.current().map(caller -> caller.hasAnyRole(STAFF.toArray(String[]::new))
                ? new Payer.Staff(caller.userId()) : new Payer.Customer(caller.userId()));
    }

    private static UUID paymentId(ServerRequest request) {
        return PathIds.required(request, "paymentId", PaymentErrors.PaymentNotFound::new);
    }

    private Mono<RefundPaymentRequest> optionalBody(ServerRequest request) {
        boolean none = request.headers().contentLength().orElse(-1) == 0 || request.headers().contentType().isEmpty();
        return none ? Mono.just(new RefundPaymentRequest(null))
                : bodies.read(request, RefundPaymentRequest.class).defaultIfEmpty(new RefundPaymentRequest(null));
    }

    private static Instant instant(QueryParams params, String name) {
        return params.text(name).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                params.reject(name, "invalid", "An ISO-8601 instant, e.g. 2026-11-22T00:00:00Z");
                return null;
            }
        }).orElse(null);
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n");
        String safe = value.replace("\"", "\"\"");
        // A leading =, +, - or @ would be a formula in a spreadsheet.
        if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        return quote ? "\"" + safe + "\"" : safe;
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static Mono<ServerResponse> noStore(Object body) {
        return ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(body);
    }
}
