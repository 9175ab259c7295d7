package dev.surge.platform.idempotency;

import org.springframework.web.reactive.function.server.ServerRequest;

/** What of a request its idempotency record is made of: the caller's scope and the request's target. */
final class IdempotentRequests {

    private IdempotentRequests() {
    }

    static String checkedScope(String scope) {
        if (scope.isBlank() || scope.length() > 255) {
            throw new IllegalStateException("An idempotency scope is 1 to 255 characters");
        }
        return scope;
    }

    /** Path and raw query: the same key on another target is another request. */
    static String target(ServerRequest request) {
        String query = request.uri().getRawQuery();
        return request.uri().getRawPath() + (query == null ? "" : "?" + query);
    }
}
