package dev.surge.identity.domain;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A password about to be stored: checked against the policy, then hashed (on the hasher's own scheduler). */
@Component
class NewPasswords {

    private final PasswordPolicy policy;
    private final PasswordHasher passwords;
    private final SecretTokens secrets;

    NewPasswords(PasswordPolicy policy, PasswordHasher passwords, SecretTokens secrets) {
        this.policy = policy;
        this.passwords = passwords;
        this.secrets = secrets;
    }

    /** The hash of {@code password}, or {@code validation_failed} on {@code field} when the policy refuses it. */
    Mono<String> hash(String field, String password, String email) {
        return Mono.fromRunnable(() -> policy.check(field, password, email)).then(passwords.hash(password));
    }

    /** The hash of a random secret nobody knows: an account that must set its password from an emailed link. */
    Mono<String> unusable() {
        return passwords.hash(secrets.newToken());
    }
}
