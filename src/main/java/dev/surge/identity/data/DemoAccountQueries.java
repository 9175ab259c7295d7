package dev.surge.identity.data;

import io.r2dbc.spi.Parameters;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The SQL of the demo accounts ({@code surge.demo.accounts}): never used unless that setting is on. */
@Repository
public class DemoAccountQueries {

    private final DatabaseClient db;

    DemoAccountQueries(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The id of the merchant with this slug, created if missing. The demo catalog's seeder upserts the same slug
     * ({@code demo-0}), so whichever runs first makes the row and both end up naming the same merchant.
     */
    public Mono<UUID> merchant(UUID id, String slug, String name) {
        return db.sql("""
                INSERT INTO merchants (id, slug, name) VALUES (:id, :slug, :name)
                ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug
                RETURNING id""")
                .bind("id", id).bind("slug", slug).bind("name", name)
                .map(row -> row.get("id", UUID.class)).one();
    }

    /** Creates a verified account unless the email is taken; empty when it was. */
    public Mono<UUID> account(UUID id, String email, String displayName, String passwordHash, String role,
            UUID merchantId) {
        return db.sql("""
                INSERT INTO users (id, email, display_name, password_hash, role, merchant_id, email_verified_at)
                VALUES (:id, :email, :name, :hash, :role, :merchant, now())
                ON CONFLICT (email) DO NOTHING
                RETURNING id""")
                .bind("id", id).bind("email", email).bind("name", displayName).bind("hash", passwordHash)
                .bind("role", role).bind("merchant", merchantId == null ? Parameters.in(UUID.class) : merchantId)
                .map(row -> row.get("id", UUID.class)).one();
    }
}
