package dev.surge.identity.web;

import dev.surge.identity.domain.AccountSearch;
import dev.surge.identity.domain.IdentityErrors.MerchantNotFound;
import dev.surge.identity.domain.IdentityErrors.UserNotFound;
import dev.surge.identity.domain.Merchants;
import dev.surge.identity.domain.Role;
import dev.surge.identity.domain.StaffAccounts;
import dev.surge.identity.web.AdminRequests.CreateAccountRequest;
import dev.surge.identity.web.AdminRequests.CreateMerchantRequest;
import dev.surge.identity.web.AdminRequests.UpdateAccountRequest;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.QueryParams;
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

    private final Merchants merchants;
    private final StaffAccounts staff;
    private final AccountSearch search;
    private final AuthRequests requests;

    AdminHandler(Merchants merchants, StaffAccounts staff, AccountSearch search, AuthRequests requests) {
        this.merchants = merchants;
        this.staff = staff;
        this.search = search;
        this.requests = requests;
    }

    Mono<ServerResponse> createMerchant(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> requests.body(request, CreateMerchantRequest.class)
                        .flatMap(body -> merchants.create(caller, body.name(), body.slug(), body.contactEmail(),
                                requests.origin(request))))
                .flatMap(merchant -> ServerResponse.status(HttpStatus.CREATED).bodyValue(merchant));
    }

    Mono<ServerResponse> createAccount(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> requests.body(request, CreateAccountRequest.class)
                        .flatMap(body -> staff.create(caller, body.email(), body.displayName(), body.role(),
                                body.merchantId(), requests.origin(request))))
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
            return search.users(new AccountSearch.Criteria(query, role, status, merchantId), limit, cursor);
        }).flatMap(page -> ServerResponse.ok().bodyValue(page));
    }

    Mono<ServerResponse> updateAccount(ServerRequest request) {
        UUID userId = Ids.parseOrNull(request.pathVariable("userId"));
        if (userId == null) {
            return Mono.error(new UserNotFound());
        }
        return Principals.current()
                .flatMap(caller -> requests.body(request, UpdateAccountRequest.class)
                        .flatMap(body -> staff.update(caller, userId, body.role(), body.merchantId(), body.status(),
                                requests.origin(request))))
                .flatMap(account -> ServerResponse.ok().bodyValue(account));
    }

    Mono<ServerResponse> team(ServerRequest request) {
        UUID merchantId = Ids.parseOrNull(request.pathVariable("merchantId"));
        if (merchantId == null) {
            return Mono.error(new MerchantNotFound());
        }
        return Principals.current().flatMap(caller -> merchants.team(caller, merchantId))
                .flatMap(team -> ServerResponse.ok().bodyValue(Map.of("items", team)));
    }
}
