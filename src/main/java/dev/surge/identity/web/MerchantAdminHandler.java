package dev.surge.identity.web;

import dev.surge.identity.domain.IdentityErrors.MerchantNotFound;
import dev.surge.identity.domain.Merchants;
import dev.surge.identity.domain.Merchants.MerchantChange;
import dev.surge.identity.domain.Merchants.MerchantFilter;
import dev.surge.identity.web.AdminRequests.UpdateMerchantRequest;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.PathIds;
import dev.surge.platform.web.QueryParams;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** The back office of merchants: list, read, update, suspend, reinstate (staff only, by the access table). */
@Component
class MerchantAdminHandler {

    private final Merchants merchants;
    private final AuthRequests requests;

    MerchantAdminHandler(Merchants merchants, AuthRequests requests) {
        this.merchants = merchants;
        this.requests = requests;
    }

    Mono<ServerResponse> list(ServerRequest request) {
        return Mono.defer(() -> {
            QueryParams params = QueryParams.of(request);
            String status = params.text("status").map(v -> v.toUpperCase(Locale.ROOT)).orElse(null);
            if (status != null && !status.matches("ACTIVE|SUSPENDED")) {
                params.reject("status", "not_allowed", "must be ACTIVE or SUSPENDED");
            }
            String query = params.text("q").orElse(null);
            if (query != null && query.length() > 120) {
                params.reject("q", "length", "at most 120 characters");
            }
            int limit = params.integer("limit", 50, 1, 200);
            String cursor = params.text("cursor").orElse(null);
            params.validate();
            return merchants.list(new MerchantFilter(status, query), limit, cursor);
        }).flatMap(page -> ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(page));
    }

    Mono<ServerResponse> get(ServerRequest request) {
        return Mono.defer(() -> merchants.find(merchantId(request)))
                .flatMap(merchant -> ServerResponse.ok().cacheControl(CacheControl.noStore()).bodyValue(merchant));
    }

    Mono<ServerResponse> update(ServerRequest request) {
        return Mono.defer(() -> {
            UUID merchantId = merchantId(request);
            return Principals.current().flatMap(caller -> requests.body(request, UpdateMerchantRequest.class)
                    .flatMap(body -> merchants.update(caller, merchantId,
                            new MerchantChange(body.name(), body.contactEmail(), body.status()), requests.origin(request))));
        }).flatMap(merchant -> ServerResponse.ok().bodyValue(merchant));
    }

    Mono<ServerResponse> suspend(ServerRequest request) {
        return Mono.defer(() -> {
            UUID merchantId = merchantId(request);
            return Principals.current().flatMap(caller -> merchants.suspend(caller, merchantId, requests.origin(request)));
        }).flatMap(merchant -> ServerResponse.ok().bodyValue(merchant));
    }

    Mono<ServerResponse> reinstate(ServerRequest request) {
        return Mono.defer(() -> {
            UUID merchantId = merchantId(request);
            return Principals.current().flatMap(caller -> merchants.reinstate(caller, merchantId, requests.origin(request)));
        }).flatMap(merchant -> ServerResponse.ok().bodyValue(merchant));
    }

    private static UUID merchantId(ServerRequest request) {
        return PathIds.required(request, "merchantId", MerchantNotFound::new);
    }
}
