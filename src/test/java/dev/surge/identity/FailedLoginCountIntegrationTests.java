package dev.surge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.identity.data.AccountQueries;
import dev.surge.support.CatalogRows;
import dev.surge.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** Failed sign-ins counted under real concurrency, against PostgreSQL: none is lost, the lock lands once. */
class FailedLoginCountIntegrationTests extends IntegrationTest {

    @Autowired
    AccountQueries accounts;

    @Autowired
    DatabaseClient db;

    private int failures(UUID user) {
        return db.sql("SELECT failed_logins FROM users WHERE id = :id").bind("id", user)
                .map(row -> row.get(0, Integer.class)).one().block();
    }

    private void concurrently(UUID user, int attempts, int maxFailures) {
        Flux.range(0, attempts)
                .flatMap(i -> accounts.recordFailedLogin(user, maxFailures, Duration.ofMinutes(15))
                        .subscribeOn(Schedulers.parallel()), attempts)
                .then().block(Duration.ofSeconds(30));
    }

    @Test
    void simultaneousFailuresAreEachCounted() {
        UUID user = new CatalogRows(db).user("CUSTOMER", null, "failures");

        concurrently(user, 16, 100);

        assertThat(failures(user)).isEqualTo(16);
    }

    @Test
    void simultaneousFailuresLockTheAccountAtTheLimit() {
        UUID user = new CatalogRows(db).user("CUSTOMER", null, "lockout");

        concurrently(user, 4, 5);
        assertThat(failures(user)).isEqualTo(4);
        Instant before = db.sql("SELECT locked_until FROM users WHERE id = :id").bind("id", user)
                .map(row -> java.util.Optional.ofNullable(row.get(0, java.time.OffsetDateTime.class))).one().block()
                .map(java.time.OffsetDateTime::toInstant).orElse(null);
        assertThat(before).isNull();

        concurrently(user, 6, 5);
        assertThat(failures(user)).isEqualTo(10);
        Instant locked = db.sql("SELECT locked_until FROM users WHERE id = :id").bind("id", user)
                .map(row -> row.get(0, java.time.OffsetDateTime.class)).one().block().toInstant();
        assertThat(locked).isAfter(Instant.now().plus(Duration.ofMinutes(14)));
    }
}
