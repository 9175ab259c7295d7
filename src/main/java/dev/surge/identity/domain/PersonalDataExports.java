package dev.surge.identity.domain;

import dev.surge.identity.PersonalDataExportReady;
import dev.surge.identity.PersonalDataExportRequested;
import dev.surge.identity.config.IdentityProperties;
import dev.surge.identity.data.AccountQueries;
import dev.surge.identity.data.PrivacyQueries;
import dev.surge.identity.domain.IdentityErrors.AccountGone;
import dev.surge.identity.domain.IdentityErrors.ExportNotFound;
import dev.surge.identity.domain.IdentityErrors.UserNotFound;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Exports of everything Surge holds about an account (right of access, data portability). Asking starts one (or
 * answers the one under way) and publishes {@link PersonalDataExportRequested}; identity's handler of that event
 * builds the document from every module's {@code PersonalDataSection} ({@link ExportDocuments}), stores it with
 * the hash of a one-time download token, and publishes {@link PersonalDataExportReady}, from which the owner is
 * emailed the link. The owner downloads it once, signed in, with that token; it is deleted when it expires.
 */
@Service
public class PersonalDataExports {

    private final PrivacyQueries privacy;
    private final AccountQueries accounts;
    private final ExportDocuments documents;
    private final SecretTokens secrets;
    private final PrivacyWriters with;
    private final IdentityProperties.Exports settings;

    PersonalDataExports(PrivacyQueries privacy, AccountQueries accounts, ExportDocuments documents,
            SecretTokens secrets, PrivacyWriters with, IdentityProperties properties) {
        this.privacy = privacy;
        this.accounts = accounts;
        this.documents = documents;
        this.secrets = secrets;
        this.with = with;
        this.settings = properties.exports();
    }

    /** The caller asks for an export of their own data; answers its id. */
    public Mono<UUID> requestOwn(Principals caller, Origin origin) {
        return start(caller.userId(), caller.userId(), origin, AccountGone::new);
    }

    /** An admin asks for an export of a customer's data, sent to the customer; answers its id. */
    public Mono<UUID> requestFor(Principals admin, UUID userId, Origin origin) {
        return start(userId, admin.userId(), origin, UserNotFound::new);
    }

    private Mono<UUID> start(UUID userId, UUID requestedBy, Origin origin,
            java.util.function.Supplier<? extends Throwable> unknown) {
        UUID exportId = Ids.newId();
        return accounts.userById(userId)
                .filter(user -> !"ERASED".equals(user.status()))
                .switchIfEmpty(Mono.error(unknown))
                .flatMap(user -> privacy.insertExport(exportId, userId, requestedBy, Instant.now().plus(settings.ttl()))
                        .flatMap(id -> with.outbox().append(new PersonalDataExportRequested(userId, id, Instant.now()))
                                .then(with.audit().record("account.export_requested", requestedBy, userId, origin,
                                        Map.of("export", id.toString())))
                                .thenReturn(id))
                        .switchIfEmpty(privacy.pendingExport(userId)))
                .as(with.tx()::transactional);
    }

    /**
     * Builds a requested export, in the event handler's transaction: a repeat, or an export purged or erased
     * since, does nothing.
     */
    Mono<Void> build(PersonalDataExportRequested request) {
        return privacy.isPending(request.exportId())
                .filter(Boolean::booleanValue)
                .flatMap(pending -> accounts.userById(request.userId()))
                .flatMap(user -> documents.build(user.id()).flatMap(document -> {
                    String token = secrets.newToken();
                    Instant expiresAt = Instant.now().plus(settings.ttl());
                    return privacy.completeExport(request.exportId(), document, SecretTokens.hash(token), expiresAt)
                            .filter(Boolean::booleanValue)
                            .flatMap(done -> with.outbox().append(new PersonalDataExportReady(user.id(), user.email(),
                                    user.displayName(), request.exportId(), token, expiresAt)));
                }));
    }

    /** The caller's export that {@code token} opens, as JSON, once; {@code export_not_found} for any other token. */
    public Mono<String> download(Principals caller, String token, Origin origin) {
        return privacy.takeExport(caller.userId(), SecretTokens.hash(token.strip()))
                .switchIfEmpty(Mono.error(ExportNotFound::new))
                .flatMap(document -> with.audit().record("account.export_downloaded", caller.userId(), caller.userId(),
                        origin, Map.of()).thenReturn(document))
                .as(with.tx()::transactional);
    }

}
