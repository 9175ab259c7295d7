package dev.surge.identity.domain;

import dev.surge.identity.data.AdminQueries;
import dev.surge.identity.data.AdminQueries.AdminUserRow;
import dev.surge.identity.domain.IdentityErrors.EmailTaken;
import dev.surge.identity.domain.IdentityErrors.InvalidField;
import dev.surge.identity.domain.IdentityErrors.MerchantNotFound;
import dev.surge.identity.domain.IdentityErrors.NotAllowed;
import dev.surge.identity.domain.IdentityErrors.UserNotFound;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Account administration: creating sellers and staff, changing roles and statuses.
 * <p>
 * Rules: only a super admin grants or takes away admin rights or changes an admin; nobody changes their
 * own role or status; a seller always belongs to exactly one merchant; disabling an account ends its
 * sessions at once.
 */
@Service
public class StaffAccounts {

    private static final List<String> ADMIN_ROLES = List.of(Role.ADMIN.name(), Role.SUPER_ADMIN.name());

    private final AdminQueries admin;
    private final NewPasswords newPasswords;
    private final AccountLinks links;
    private final SessionTokens sessions;
    private final AuditTrail audit;
    private final TransactionalOperator tx;

    StaffAccounts(AdminQueries admin, NewPasswords newPasswords, AccountLinks links, SessionTokens sessions,
            AuditTrail audit, TransactionalOperator tx) {
        this.admin = admin;
        this.newPasswords = newPasswords;
        this.links = links;
        this.sessions = sessions;
        this.audit = audit;
        this.tx = tx;
    }

    /**
     * Creates an account with a non-customer role (a seller of {@code merchantId}, or staff). It gets no
     * usable password: the owner sets one from the emailed link, which doubles as the invitation.
     */
    public Mono<AdminUserRow> create(Principals caller, String email, String displayName, Role role,
            UUID merchantId, Origin origin) {
        if (role == Role.CUSTOMER) {
            return Mono.error(new InvalidField("role", "customers register themselves"));
        }
        if ((role == Role.SELLER) != (merchantId != null)) {
            return Mono.error(new InvalidField("merchantId", "sellers, and only sellers, belong to a merchant"));
        }
        if (ADMIN_ROLES.contains(role.name()) && !caller.hasAnyRole(Role.SUPER_ADMIN.name())) {
            return Mono.error(new NotAllowed("Only a super admin creates admins"));
        }
        String normalized = Account.normalizeEmail(email);
        return merchantExists(merchantId)
                .then(newPasswords.unusable())
                .flatMap(unusable -> admin.insertAccount(Ids.newId(), normalized, displayName.strip(), unusable, role.name(),
                                merchantId)
                        .switchIfEmpty(Mono.error(EmailTaken::new))
                        .flatMap(id -> links.invitation(id, normalized, displayName.strip())
                                .then(audit.record("account.created", caller.userId(), id, origin,
                                        Map.of("role", role.name())))
                                .then(admin.user(id)))
                        .as(tx::transactional));
    }

    /** Changes role and/or status under the rules above. */
    public Mono<AdminUserRow> update(Principals caller, UUID userId, Role role, UUID merchantId, String status,
            Origin origin) {
        if (userId.equals(caller.userId())) {
            return Mono.error(new NotAllowed("Nobody changes their own role or status"));
        }
        return admin.user(userId)
                // An erased account is gone for good: it is never given a role or made active again.
                .filter(user -> !"ERASED".equals(user.status()))
                .switchIfEmpty(Mono.error(UserNotFound::new))
                .flatMap(user -> {
                    String newRole = role == null ? user.role() : role.name();
                    UUID newMerchant = role == null ? user.merchantId() : role == Role.SELLER ? merchantId : null;
                    String newStatus = status == null ? user.status() : status;
                    boolean touchesAdmin = ADMIN_ROLES.contains(user.role()) || ADMIN_ROLES.contains(newRole);
                    if (touchesAdmin && !caller.hasAnyRole(Role.SUPER_ADMIN.name())) {
                        return Mono.error(new NotAllowed("Only a super admin changes admin accounts"));
                    }
                    if (Role.SELLER.name().equals(newRole) && newMerchant == null) {
                        return Mono.error(new InvalidField("merchantId", "a seller needs a merchant"));
                    }
                    return merchantExists(newMerchant)
                            .then(admin.updateRoleAndStatus(userId, newRole, newMerchant, newStatus))
                            // Tokens carry the role: a changed role or a disabled account starts from a fresh sign-in.
                            .then(sessions.endAll(userId, null, "changed_by_admin"))
                            .then(audit.record("account.changed", caller.userId(), userId, origin,
                                    Map.of("role", newRole, "status", newStatus, "previousRole", user.role(),
                                            "previousStatus", user.status())))
                            .then(admin.user(userId))
                            .as(tx::transactional);
                });
    }

    /** Completes when there is no merchant to check or it exists; {@code merchant_not_found} otherwise. */
    private Mono<Void> merchantExists(UUID merchantId) {
        Mono<Boolean> found = merchantId == null ? Mono.just(true) : admin.merchantExists(merchantId);
        return found.filter(Boolean::booleanValue).switchIfEmpty(Mono.error(MerchantNotFound::new)).then();
    }
}
