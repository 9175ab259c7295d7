package dev.surge.identity.data;

import io.r2dbc.spi.Parameters;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Back-office SQL: merchants (tenants; identity owns their rows, the catalog reads them) and account
 * administration.
 */
@Repository
public class AdminQueries {

    private final DatabaseClient db;

    AdminQueries(DatabaseClient db) {
        this.db = db;
    }

    /** Empty when the slug is taken. */
    public Mono<MerchantRow> insertMerchant(UUID id, String slug, String name, String contactEmail) {
        return db.sql("""
                INSERT INTO merchants (id, slug, name, contact_email) VALUES (:id, :slug, :name, :contact)
                ON CONFLICT (slug) DO NOTHING
                RETURNING id, slug, name, contact_email, status, created_at""")
                .bind("id", id).bind("slug", slug).bind("name", name)
                .bind("contact", contactEmail == null ? Parameters.in(String.class) : contactEmail)
                .map(row -> new MerchantRow(row.get("id", UUID.class), row.get("slug", String.class),
                        row.get("name", String.class), row.get("contact_email", String.class),
                        row.get("status", String.class), row.get("created_at", OffsetDateTime.class).toInstant()))
                .one();
    }

    /**
     * Where the merchant's notices go: its contact address, else the addresses of its active sellers (oldest
     * account first); empty when there is no such merchant.
     */
    public Mono<MerchantContactRow> merchantContact(UUID id) {
        return db.sql("""
                SELECT m.name, m.contact_email,
                       (SELECT coalesce(array_agg(u.email ORDER BY u.created_at, u.id), '{}') FROM users u
                        WHERE u.merchant_id = m.id AND u.role = 'SELLER' AND u.status = 'ACTIVE') AS sellers
                FROM merchants m WHERE m.id = :id""")
                .bind("id", id)
                .map(row -> new MerchantContactRow(row.get("name", String.class), row.get("contact_email", String.class),
                        java.util.List.of(row.get("sellers", String[].class))))
                .one();
    }

    public record MerchantContactRow(String name, String contactEmail, java.util.List<String> sellerEmails) {
    }

    public Mono<Boolean> merchantExists(UUID id) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM merchants WHERE id = :id) AS found").bind("id", id)
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    /** Sellers get a merchant; everyone else has none. Empty when the email is taken. */
    public Mono<UUID> insertAccount(UUID id, String email, String displayName, String passwordHash, String role,
            UUID merchantId) {
        return db.sql("""
                INSERT INTO users (id, email, display_name, password_hash, role, merchant_id)
                VALUES (:id, :email, :name, :hash, :role, :merchant)
                ON CONFLICT (email) DO NOTHING
                RETURNING id""")
                .bind("id", id).bind("email", email).bind("name", displayName).bind("hash", passwordHash)
                .bind("role", role).bind("merchant", merchantId == null ? Parameters.in(UUID.class) : merchantId)
                .map(row -> row.get("id", UUID.class)).one();
    }

    /**
     * Accounts newest first, filtered by what {@code filter} names; {@code afterId} continues from a previous
     * page.
     */
    public Flux<AdminUserRow> users(UserFilter filter, UUID afterId, int limit) {
        String query = filter.query();
        String role = filter.role();
        String status = filter.status();
        UUID merchantId = filter.merchantId();
        StringBuilder sql = new StringBuilder("""
                SELECT id, email, display_name, role, merchant_id, status, email_verified_at, locked_until,
                       totp_secret IS NOT NULL AS two_factor, created_at
                FROM users WHERE true
                """);
        if (query != null) {
            sql.append(" AND (email LIKE :prefix OR display_name ILIKE :contains)");
        }
        if (role != null) {
            sql.append(" AND role = :role");
        }
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (merchantId != null) {
            sql.append(" AND merchant_id = :merchant");
        }
        if (afterId != null) {
            sql.append(" AND id < :after");
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("limit", limit);
        if (query != null) {
            String escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            spec = spec.bind("prefix", escaped.toLowerCase(java.util.Locale.ROOT) + "%").bind("contains", "%" + escaped + "%");
        }
        if (role != null) {
            spec = spec.bind("role", role);
        }
        if (status != null) {
            spec = spec.bind("status", status);
        }
        if (merchantId != null) {
            spec = spec.bind("merchant", merchantId);
        }
        if (afterId != null) {
            spec = spec.bind("after", afterId);
        }
        return spec.map(AdminQueries::adminUser).all();
    }

    public Mono<AdminUserRow> user(UUID id) {
        return db.sql("""
                SELECT id, email, display_name, role, merchant_id, status, email_verified_at, locked_until,
                       totp_secret IS NOT NULL AS two_factor, created_at
                FROM users WHERE id = :id""").bind("id", id)
                .map(AdminQueries::adminUser).one();
    }

    private static AdminUserRow adminUser(io.r2dbc.spi.Readable row) {
        return new AdminUserRow(row.get("id", UUID.class), row.get("email", String.class),
                row.get("display_name", String.class), row.get("role", String.class), row.get("merchant_id", UUID.class),
                row.get("status", String.class), row.get("email_verified_at", OffsetDateTime.class) != null,
                Rows.instant(row, "locked_until"),
                Boolean.TRUE.equals(row.get("two_factor", Boolean.class)), Rows.instant(row, "created_at"));
    }

    public Mono<Void> updateRoleAndStatus(UUID id, String role, UUID merchantId, String status) {
        return db.sql("""
                UPDATE users SET role = :role, merchant_id = :merchant, status = :status, updated_at = now(),
                       -- re-activating also lifts a failed-sign-in lock
                       locked_until = CASE WHEN :status = 'ACTIVE' THEN NULL ELSE locked_until END,
                       failed_logins = CASE WHEN :status = 'ACTIVE' THEN 0 ELSE failed_logins END
                WHERE id = :id""")
                .bind("id", id).bind("role", role).bind("status", status)
                .bind("merchant", merchantId == null ? Parameters.in(UUID.class) : merchantId)
                .then();
    }

    /**
     * Which accounts to list; null parts do not filter. {@code query} matches the start of the email or any
     * part of the name.
     */
    public record UserFilter(String query, String role, String status, UUID merchantId) {

        public static UserFilter ofMerchant(UUID merchantId) {
            return new UserFilter(null, null, null, merchantId);
        }
    }

    public record MerchantRow(UUID id, String slug, String name, String contactEmail, String status, Instant createdAt) {
    }

    public record AdminUserRow(UUID id, String email, String displayName, String role, UUID merchantId, String status,
            boolean emailVerified, Instant lockedUntil, boolean twoFactor, Instant createdAt) {
    }
}
