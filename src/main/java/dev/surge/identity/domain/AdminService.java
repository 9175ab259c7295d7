package dev.surge.identity.domain;

import dev.surge.identity.PasswordResetRequested;
import dev.surge.identity.config.IdentityProperties;
import dev.surge.identity.data.AccountQueries;
import dev.surge.identity.data.AdminQueries;
import dev.surge.identity.data.AdminQueries.AdminUserRow;
import dev.surge.identity.data.AdminQueries.MerchantRow;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.paging.Cursors;
import dev.surge.platform.paging.Page;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import dev.surge.platform.security.RevokedSessions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The back office of identity: merchants (tenants) and their sellers, and account administration.
 * <p>
 * Rules: only a super admin grants or takes away admin rights or changes an admin; nobody changes their
 * own role or status; a seller always belongs to exactly one merchant; disabling an account ends its
 * sessions at once. Sellers see their own merchant's team only: another merchant answers 404, as if it
 * did not exist.
 */
@Service
public class AdminService {

    private static final List<String> ADMIN_ROLES = List.of(Role.ADMIN.name(), Role.SUPER_ADMIN.name());

    private final AdminQueries admin;
    private final AccountQueries accounts;
    private final PasswordHasher passwords;
    private final SecretTokens secrets;
    private final RevokedSessions revokedSessions;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Cursors cursors;
    private final TransactionalOperator tx;
    private final IdentityProperties properties;

    AdminService(AdminQueries admin, AccountQueries accounts, PasswordHasher passwords, SecretTokens secrets,
            RevokedSessions revokedSessions, Outbox outbox, AuditTrail audit, Cursors cursors, TransactionalOperator tx,
            IdentityProperties properties) {
        this.admin = admin;
        this.accounts = accounts;
        this.passwords = passwords;
        this.secrets = secrets;
        this.revokedSessions = revokedSessions;
        this.outbox = outbox;
        this.audit = audit;
        this.cursors = cursors;
        this.tx = tx;
        this.properties = properties;
    }

    public Mono<MerchantRow> createMerchant(Principals caller, String name, String slug, Origin origin) {
        return admin.insertMerchant(Ids.newId(), slug, name.strip())
                .switchIfEmpty(Mono.error(() -> new ConflictException("slug_taken", "A merchant with this slug exists")))
                .flatMap(merchant -> audit.record("merchant.created", caller.userId(), null, origin,
                        Map.of("merchant", merchant.id().toString())).thenReturn(merchant))
                .as(tx::transactional);
    }

    /**
     * Creates an account with a non-customer role (a seller of {@code merchantId}, or staff). It gets no
     * usable password: the owner sets one from the emailed link, which doubles as the invitation.
     */
    public Mono<AdminUserRow> createStaff(Principals caller, String email, String displayName, Role role,
            UUID merchantId, Origin origin) {
        if (role == Role.CUSTOMER) {
            return Mono.error(invalid("role", "customers register themselves"));
        }
        if ((role == Role.SELLER) != (merchantId != null)) {
            return Mono.error(invalid("merchantId", "sellers, and only sellers, belong to a merchant"));
        }
        if (ADMIN_ROLES.contains(role.name()) && !caller.hasAnyRole(Role.SUPER_ADMIN.name())) {
            return Mono.error(new AccessDeniedException("Only a super admin creates admins"));
        }
        String normalized = AccountService.normalize(email);
        Mono<Boolean> merchantOk = merchantId == null ? Mono.just(true) : admin.merchantExists(merchantId);
        return merchantOk.filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("merchant_not_found", "There is no such merchant")))
                .then(passwords.hash(secrets.newToken()))
                .flatMap(unusable -> admin.insertAccount(Ids.newId(), normalized, displayName.strip(), unusable, role.name(),
                                merchantId)
                        .switchIfEmpty(Mono.error(IdentityErrors::emailTaken))
                        .flatMap(id -> invite(id, normalized, displayName.strip())
                                .then(audit.record("account.created", caller.userId(), id, origin,
                                        Map.of("role", role.name())))
                                .then(admin.user(id)))
                        .as(tx::transactional));
    }

    public Mono<Page<AdminUserRow>> users(Principals caller, String query, Role role, String status, UUID merchantId,
            int limit, String cursor) {
        String scope = "users:" + query + ":" + role + ":" + status + ":" + merchantId;
        UUID after = cursor == null ? null : UUID.fromString(cursors.decode(cursor, scope).get(0));
        return admin.users(query, role == null ? null : role.name(), status, merchantId, after, limit + 1).collectList()
                .map(rows -> rows.size() <= limit ? new Page<>(rows, null)
                        : new Page<>(rows.subList(0, limit), cursors.encode(scope, List.of(rows.get(limit - 1).id().toString()))));
    }

    /** A merchant's team: any merchant for staff admins, only their own for sellers (others are 404). */
    public Mono<List<AdminUserRow>> team(Principals caller, UUID merchantId) {
        boolean own = merchantId.equals(caller.merchantId());
        if (!own && !caller.hasAnyRole(ADMIN_ROLES.toArray(String[]::new))) {
            return Mono.error(new NotFoundException("merchant_not_found", "There is no such merchant"));
        }
        return admin.merchantExists(merchantId).filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("merchant_not_found", "There is no such merchant")))
                .flatMap(found -> admin.users(null, null, null, merchantId, null, 500).collectList());
    }

    /** Changes role and/or status under the rules above. */
    public Mono<AdminUserRow> update(Principals caller, UUID userId, Role role, UUID merchantId, String status,
            Origin origin) {
        if (userId.equals(caller.userId())) {
            return Mono.error(new AccessDeniedException("Nobody changes their own role or status"));
        }
        return admin.user(userId)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("user_not_found", "There is no such account")))
                .flatMap(user -> {
                    String newRole = role == null ? user.role() : role.name();
                    UUID newMerchant = role == null ? user.merchantId() : role == Role.SELLER ? merchantId : null;
                    String newStatus = status == null ? user.status() : status;
                    boolean touchesAdmin = ADMIN_ROLES.contains(user.role()) || ADMIN_ROLES.contains(newRole);
                    if (touchesAdmin && !caller.hasAnyRole(Role.SUPER_ADMIN.name())) {
                        return Mono.error(new AccessDeniedException("Only a super admin changes admin accounts"));
                    }
                    if (Role.SELLER.name().equals(newRole) && newMerchant == null) {
                        return Mono.error(invalid("merchantId", "a seller needs a merchant"));
                    }
                    Mono<Boolean> merchantOk = newMerchant == null ? Mono.just(true) : admin.merchantExists(newMerchant);
                    return merchantOk.filter(Boolean::booleanValue)
                            .switchIfEmpty(Mono.error(() -> new NotFoundException("merchant_not_found", "There is no such merchant")))
                            .then(admin.updateRoleAndStatus(userId, newRole, newMerchant, newStatus))
                            // Tokens carry the role: a changed role or a disabled account starts from a fresh sign-in.
                            .thenMany(accounts.revokeSessions(userId, null, "changed_by_admin"))
                            .concatMap(session -> revokedSessions.revoke(session.toString()))
                            .then(audit.record("account.changed", caller.userId(), userId, origin,
                                    Map.of("role", newRole, "status", newStatus, "previousRole", user.role(),
                                            "previousStatus", user.status())))
                            .then(admin.user(userId))
                            .as(tx::transactional);
                });
    }

    private Mono<Void> invite(UUID userId, String email, String displayName) {
        String token = secrets.newToken();
        Instant expiresAt = Instant.now().plus(properties.emailTokenTtl());
        return accounts.insertAccountToken(SecretTokens.hash(token), userId, AccountService.RESET_PASSWORD, expiresAt)
                .then(outbox.append(new PasswordResetRequested(userId, email, displayName, token, expiresAt)));
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException("validation_failed", "The request is invalid",
                List.of(new dev.surge.platform.errors.FieldViolation(field, "invalid", message)));
    }
}
