package dev.surge.identity.web;

import dev.surge.identity.domain.AdminService;
import dev.surge.identity.domain.Role;
import dev.surge.identity.web.AdminRequests.CreateAccountRequest;
import dev.surge.identity.web.AdminRequests.CreateMerchantRequest;
import dev.surge.identity.web.AdminRequests.UpdateAccountRequest;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.QueryParams;
import dev.surge.platform.web.RequestBodies;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Back-office identity: merchants, staff and seller accounts, account administration. */
@Component
class AdminHandler {

    private final AdminService admin;
    private final RequestBodies bodies;

    private final IdentityHandler identity;

    AdminHandler(AdminService admin, RequestBodies bodies, IdentityHandler identity) {
        this.admin = admin;
        this.bodies = bodies;
        this.identity = identity;
    }

    Mono<ServerResponse> createMerchant(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> bodies.read(request, CreateMerchantRequest.class)
                        .flatMap(body -> admin.createMerchant(caller, body.name(), body.slug(), identity.origin(request))))
                .flatMap(merchant -> ServerResponse.status(HttpStatus.CREATED).bodyValue(merchant));
    }

    Mono<ServerResponse> createAccount(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> bodies.read(request, CreateAccountRequest.class)
                        .flatMap(body -> admin.createStaff(caller, body.email(), body.displayName(), body.role(),
                                body.merchantId(), identity.origin(request))))
                .flatMap(account -> ServerResponse.status(HttpStatus.CREATED).bodyValue(account));
    }

    Mono<ServerResponse> users(ServerRequest request) {
        return Principals.current().flatMap(caller -> {
            QueryParams params = QueryParams.of(request);
            String query = params.text("q").orElse(null);
            Role role = params.choice("role", Role.class, null);
            String status = params.text("status").map(String::toUpperCase).orElse(null);
            if (status != null && !status.matches("ACTIVE|DISABLED")) {
                params.reject("status", "not_allowed", "must be ACTIVE or DISABLED");
            }
            String merchant = params.text("merchant").orElse(null);
            UUID merchantId = merchant == null ? null : Ids.parseOrNull(merchant);
            if (merchant != null && merchantId == null) {
                params.reject("merchant", "malformed", "must be a merchant id");
            }
            int limit = params.integer("limit", 50, 1, 200);
            String cursor = params.text("cursor").orElse(null);
            params.validate();
            return admin.users(caller, query, role, status, merchantId, limit, cursor);
        }).flatMap(page -> ServerResponse.ok().bodyValue(page));
    }

    Mono<ServerResponse> updateAccount(ServerRequest request) {
        UUID userId = Ids.parseOrNull(request.pathVariable("userId"));
        if (userId == null) {
            return Mono.error(new NotFoundException("user_not_found", "There is no such account"));
        }
        return Principals.current()
                .flatMap(caller -> bodies.read(request, UpdateAccountRequest.class)
                        .flatMap(body -> admin.update(caller, userId, body.role(), body.merchantId(), body.status(),
                                identity.origin(request))))
                .flatMap(account -> ServerResponse.ok().bodyValue(account));
    }

    Mono<ServerResponse> team(ServerRequest request) {
        UUID merchantId = Ids.parseOrNull(request.pathVariable("merchantId"));
        if (merchantId == null) {
            return Mono.error(new NotFoundException("merchant_not_found", "There is no such merchant"));
        }
        return Principals.current().flatMap(caller -> admin.team(caller, merchantId))
                .flatMap(team -> ServerResponse.ok().bodyValue(Map.of("items", team)));
    }
}
