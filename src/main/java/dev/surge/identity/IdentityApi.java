package dev.surge.identity;

import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** What other modules (orders, notifications) may ask of identity. */
public interface IdentityApi {

    /** The account's email address; empty when there is no such account. */
    Mono<String> email(UUID userId);

    /** Who hears about a merchant's orders and stock; empty when there is no such merchant. */
    Mono<MerchantContact> merchantContact(UUID merchantId);

    /**
     * A merchant's name and where its notices go: its contact address when it has one, else its active sellers'
     * addresses (empty when it has neither).
     */
    record MerchantContact(UUID merchantId, String name, List<String> emails) {
    }
}
