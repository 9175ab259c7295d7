package dev.surge.promotions.web;

import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.ratelimit.ClientIp;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.QueryParams;
import dev.surge.platform.web.RequestBodies;
import dev.surge.promotions.domain.PromotionErrors;
import dev.surge.promotions.domain.PromotionManagement;
import dev.surge.promotions.domain.PromotionManagement.Actor;
import dev.surge.promotions.domain.PromotionManagement.Owner;
import dev.surge.promotions.web.PromotionRequests.PromotionRequest;
import dev.surge.promotions.web.PromotionResponses.PromotionPage;
import dev.surge.promotions.web.PromotionResponses.PromotionResponse;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** The management routes of promotions: the platform's under {@code /admin}, a merchant's under its path. */
@Component
class PromotionsHandler {

    private final PromotionManagement management;
    private final RequestBodies bodies;
    private final ClientIp clientIp;

    PromotionsHandler(PromotionManagement management, RequestBodies bodies, ClientIp clientIp) {
        this.management = management;
        this.bodies = bodies;
        this.clientIp = clientIp;
    }

    Mono<ServerResponse> create(ServerRequest request) {
        return context(request).flatMap(ctx -> bodies.read(request, PromotionRequest.class)
                .flatMap(body -> management.create(ctx.actor(), ctx.owner(), body.draft()))
                .flatMap(p -> ServerResponse.created(URI.create(request.path() + "/" + p.id()))
                        .bodyValue(PromotionResponse.of(p))));
    }

    Mono<ServerResponse> list(ServerRequest request) {
        return context(request).flatMap(ctx -> {
            QueryParams query = QueryParams.of(request);
            UUID after = query.uuid("cursor");
            int limit = query.integer("limit", 50, 1, 200);
            query.validate();
            return management.list(ctx.actor(), ctx.owner(), after, limit);
        }).flatMap(page -> ServerResponse.ok().bodyValue(PromotionPage.of(page)));
    }

    Mono<ServerResponse> get(ServerRequest request) {
        return context(request).flatMap(ctx -> management.get(ctx.actor(), ctx.owner(), promotionId(request)))
                .flatMap(p -> ServerResponse.ok().bodyValue(PromotionResponse.of(p)));
    }

    Mono<ServerResponse> update(ServerRequest request) {
        return context(request).flatMap(ctx -> bodies.read(request, PromotionRequest.class)
                .flatMap(body -> management.update(ctx.actor(), ctx.owner(), promotionId(request), body.draft())))
                .flatMap(p -> ServerResponse.ok().bodyValue(PromotionResponse.of(p)));
    }

    Mono<ServerResponse> deactivate(ServerRequest request) {
        return context(request).flatMap(ctx -> management.deactivate(ctx.actor(), ctx.owner(), promotionId(request)))
                .flatMap(p -> ServerResponse.ok().bodyValue(PromotionResponse.of(p)));
    }

    private record Context(Actor actor, Owner owner) {
    }

    /** The caller and whose promotions the route manages; an unparsable merchant id is a merchant that does not exist. */
    private Mono<Context> context(ServerRequest request) {
        Owner owner;
        if (request.path().startsWith("/api/v1/admin/")) {
            owner = Owner.platformWide();
        } else {
            UUID merchantId = Ids.parseOrNull(request.pathVariable("merchantId"));
            if (merchantId == null) {
                return Mono.error(new PromotionErrors.MerchantNotFound());
            }
            owner = Owner.merchant(merchantId);
        }
        AuditTrail.Origin origin = AuditTrail.Origin.of(clientIp.of(request),
                request.headers().firstHeader(HttpHeaders.USER_AGENT));
        return Principals.current().map(caller -> new Context(new Actor(caller, origin), owner));
    }

    private static UUID promotionId(ServerRequest request) {
        return Ids.parseOrNull(request.pathVariable("promotionId"));
    }
}
