package dev.surge.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.support.CatalogRows;
import dev.surge.support.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** Expired personal-data exports (built or not) are deleted by the purge; live ones stay. */
class ExportPurgeIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    ExportPurge purge;

    @Autowired
    org.springframework.data.redis.core.ReactiveStringRedisTemplate redis;

    @Test
    void expiredExportsAreDeletedAndLiveOnesKept() {
        UUID user = new CatalogRows(db).user("CUSTOMER", null, "purged");
        UUID expired = insert(user, "READY", "now() - interval '1 minute'");
        UUID live = insert(user, "DOWNLOADED", "now() + interval '1 day'");

        // The purge runs on the lease holder only; another instance of the suite (a second instance, a fault test's
        // process) may hold the lease for its hour, so this instance is made the holder first.
        redis.delete("surge:lease:identity-export-purge").block();
        assertThat(purge.round().block()).isGreaterThanOrEqualTo(1L);

        assertThat(exists(expired)).isFalse();
        assertThat(exists(live)).isTrue();
    }

    private UUID insert(UUID user, String status, String expiresAt) {
        UUID id = UUID.randomUUID();
        db.sql("INSERT INTO personal_data_exports (id, user_id, requested_by, status, document, expires_at)"
                        + " VALUES (:id, :user, :user, :status, '{}'::jsonb, " + expiresAt + ")")
                .bind("id", id).bind("user", user).bind("status", status).then().block();
        return id;
    }

    private boolean exists(UUID id) {
        return db.sql("SELECT count(*) FROM personal_data_exports WHERE id = :id").bind("id", id)
                .map(row -> ((Number) row.get(0)).longValue()).one().block() == 1;
    }
}
