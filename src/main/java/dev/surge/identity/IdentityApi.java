package dev.surge.identity;

import java.util.UUID;
import reactor.core.publisher.Mono;

/** What other modules (orders, notifications) may ask of identity. */
public interface IdentityApi {

    /** The account's email address; empty when there is no such account. */
    Mono<String> email(UUID userId);
}
