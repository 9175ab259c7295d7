package dev.surge.identity.domain;

import dev.surge.identity.data.AccountQueries.UserRow;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** An account as its owner (and admins) see it. Never the password hash. */
public record Account(UUID id, String email, String displayName, String role, UUID merchantId, boolean emailVerified,
        Instant createdAt) {

    static Account of(UserRow user) {
        return new Account(user.id(), user.email(), user.displayName(), user.role(), user.merchantId(),
                user.emailVerifiedAt() != null, user.createdAt());
    }

    /** The form emails are stored and looked up in: no surrounding blanks, lower case. */
    public static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
