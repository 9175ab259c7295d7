package dev.surge.identity.domain;

import dev.surge.identity.config.IdentityProperties;
import dev.surge.identity.data.AdminQueries;
import dev.surge.platform.persistence.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The first super admin: when {@code surge.identity.bootstrap-admin.email} and {@code .password} are set
 * and no account has that email, one is created at start-up. Every other account is made through the
 * API from there. Leave it unset once the first admin exists.
 */
@Component
class AdminBootstrap {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AdminQueries admin;
    private final PasswordHasher passwords;
    private final String email;
    private final String password;

    AdminBootstrap(AdminQueries admin, PasswordHasher passwords, IdentityProperties properties) {
        this.admin = admin;
        this.passwords = passwords;
        this.email = properties.bootstrapAdmin().email();
        this.password = properties.bootstrapAdmin().password();
    }

    @EventListener(ApplicationReadyEvent.class)
    void createFirstAdmin() {
        if (email.isBlank() || password.isBlank()) {
            return;
        }
        passwords.hash(password)
                .flatMap(hash -> admin.insertAccount(Ids.newId(), Account.normalizeEmail(email), "Administrator", hash,
                        Role.SUPER_ADMIN.name(), null))
                .doOnNext(id -> log.info("Created the bootstrap super admin {}", email))
                .onErrorResume(e -> {
                    log.error("Could not create the bootstrap super admin", e);
                    return Mono.empty();
                })
                .subscribe();
    }
}
