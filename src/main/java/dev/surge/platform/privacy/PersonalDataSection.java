package dev.surge.platform.privacy;

import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * One module's part of a personal-data export (GDPR access request). Each module that holds data about an
 * account declares one bean; the export collects them all, so what a module holds is described by that
 * module alone.
 */
public interface PersonalDataSection {

    /** The key of this part in the export document, e.g. {@code "orders"}; unique across modules. */
    String name();

    /**
     * Everything this module holds about the account, as values Jackson writes as JSON (records, lists,
     * maps). Never secrets (password hashes, token hashes, card data): a provider reference is enough.
     * Empty lists rather than an empty {@code Mono} when the module holds nothing.
     */
    Mono<Object> export(UUID accountId);
}
