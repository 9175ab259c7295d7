package dev.surge.platform.web;

import dev.surge.platform.persistence.Ids;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.web.reactive.function.server.ServerRequest;

/** Ids in request paths. A malformed id names nothing, so it is the same "not found" as an unknown one. */
public final class PathIds {

    private PathIds() {
    }

    /** The path variable as a UUID, or the error {@code notFound} makes (thrown: call it inside a Mono chain). */
    public static UUID required(ServerRequest request, String variable, Supplier<? extends RuntimeException> notFound) {
        UUID id = Ids.parseOrNull(request.pathVariable(variable));
        if (id == null) {
            throw notFound.get();
        }
        return id;
    }
}
