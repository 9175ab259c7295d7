package dev.surge.payments.web;

import dev.surge.payments.UnknownPaymentProvider;
import dev.surge.payments.domain.PaymentErrors;
import dev.surge.payments.domain.PaymentEventProcessor;
import dev.surge.payments.web.PaymentResponses.WebhookReceipt;
import dev.surge.platform.web.DataBuffers;
import java.util.Locale;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import dev.surge.platform.reactive.RunToEnd;
import reactor.core.publisher.Mono;

/** The providers' webhooks: the exact bytes received (within the body size limit) go to the gateway's signature check. */
@Component
class PaymentWebhookHandler {

    private final PaymentEventProcessor events;

    PaymentWebhookHandler(PaymentEventProcessor events) {
        this.events = events;
    }

    Mono<ServerResponse> webhook(ServerRequest request) {
        String provider = request.pathVariable("provider").toLowerCase(Locale.ROOT);
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()))
                .map(DataBuffers::bytes)
                .defaultIfEmpty(new byte[0])
                // Once the body is in, the delivery is stored and applied even if the provider hangs up meanwhile
                // (otherwise the stored event would wait for the retry job).
                .flatMap(body -> RunToEnd.of(events.receive(provider, request.headers().asHttpHeaders(), body)))
                .onErrorMap(UnknownPaymentProvider.class, e -> new PaymentErrors.NoWebhookEndpoint(provider))
                .flatMap(isNew -> ServerResponse.ok().cacheControl(CacheControl.noStore())
                        .bodyValue(new WebhookReceipt(true, !isNew)));
    }

}
