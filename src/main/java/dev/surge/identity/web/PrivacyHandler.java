package dev.surge.identity.web;

import dev.surge.identity.domain.AccountErasure;
import dev.surge.identity.domain.IdentityErrors.UserNotFound;
import dev.surge.identity.domain.PersonalDataExports;
import dev.surge.identity.web.PrivacyRequests.DownloadExportRequest;
import dev.surge.identity.web.PrivacyRequests.EraseAccountRequest;
import dev.surge.identity.web.PrivacyRequests.ExportStarted;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Personal data: exports (the owner's and an admin's for a customer), their download, and erasure. */
@Component
class PrivacyHandler {

    private final PersonalDataExports exports;
    private final AccountErasure erasure;
    private final AuthRequests requests;

    PrivacyHandler(PersonalDataExports exports, AccountErasure erasure, AuthRequests requests) {
        this.exports = exports;
        this.erasure = erasure;
        this.requests = requests;
    }

    Mono<ServerResponse> requestExport(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> requests.limitAccount(caller).then(exports.requestOwn(caller, requests.origin(request))))
                .flatMap(id -> ServerResponse.accepted().bodyValue(ExportStarted.of(id)));
    }

    Mono<ServerResponse> downloadExport(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> requests.body(request, DownloadExportRequest.class)
                        .flatMap(body -> requests.limitAccount(caller)
                                .then(exports.download(caller, body.token(), requests.origin(request)))))
                .flatMap(document -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"surge-personal-data.json\"")
                        .bodyValue(document.getBytes(StandardCharsets.UTF_8)));
    }

    Mono<ServerResponse> eraseOwn(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> requests.body(request, EraseAccountRequest.class)
                        .flatMap(body -> requests.limitAccount(caller)
                                .then(erasure.eraseOwn(caller, body.password(), body.code(), requests.origin(request)))))
                .then(ServerResponse.noContent().build());
    }

    Mono<ServerResponse> exportFor(ServerRequest request) {
        UUID userId = Ids.parseOrNull(request.pathVariable("userId"));
        if (userId == null) {
            return Mono.error(new UserNotFound());
        }
        return Principals.current()
                .flatMap(admin -> exports.requestFor(admin, userId, requests.origin(request)))
                .flatMap(id -> ServerResponse.accepted().bodyValue(ExportStarted.of(id)));
    }

    Mono<ServerResponse> eraseFor(ServerRequest request) {
        UUID userId = Ids.parseOrNull(request.pathVariable("userId"));
        if (userId == null) {
            return Mono.error(new UserNotFound());
        }
        return Principals.current()
                .flatMap(admin -> erasure.eraseByAdmin(admin, userId, requests.origin(request)))
                .then(ServerResponse.noContent().build());
    }
}
