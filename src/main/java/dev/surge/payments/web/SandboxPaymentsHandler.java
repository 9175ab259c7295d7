package dev.surge.payments.web;

import dev.surge.payments.domain.PaymentErrors;
import dev.surge.payments.sandbox.SandboxGateway;
import dev.surge.payments.web.PaymentRequests.CompleteSandboxPaymentRequest;
import dev.surge.payments.web.PaymentResponses.SandboxPaymentResponse;
import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.web.RequestBodies;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** The sandbox's pay page and its completion (local run and demos); 404 while the sandbox is off. */
@Component
class SandboxPaymentsHandler {

    private final ObjectProvider<SandboxGateway> sandbox;
    private final RequestBodies bodies;

    SandboxPaymentsHandler(ObjectProvider<SandboxGateway> sandbox, RequestBodies bodies) {
        this.sandbox = sandbox;
        this.bodies = bodies;
    }

    /** The pay page to a browser (its Accept names text/html), the payment as JSON to anyone else. */
    Mono<ServerResponse> sandboxPayment(ServerRequest request) {
        String reference = request.pathVariable("reference");
        if (SandboxPayPage.wantsHtml(request)) {
            return sandbox().page(reference).flatMap(page -> ServerResponse.ok()
                    .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
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
                    .onErrorMap(IllegalArgumentException.class, e -> new PaymentErrors.MalformedForm())
                    .flatMap(fields -> outcome(fields.getFirst("outcome")))
                    .flatMap(outcome -> gateway.complete(reference, outcome)
                            // Completed the other way already (a second tab, say): the page shows how it ended.
                            .onErrorResume(ConflictException.class, e -> Mono.empty()))
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
            return Mono.error(new PaymentErrors.UnknownSandboxOutcome());
        }
    }

    private SandboxGateway sandbox() {
        SandboxGateway gateway = sandbox.getIfAvailable();
        if (gateway == null) {
            throw new PaymentErrors.SandboxNotEnabled();
        }
        return gateway;
    }

    private static Mono<ServerResponse> noStore(Object body) {
        return ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(body);
    }
}
