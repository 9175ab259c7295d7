package dev.surge.platform.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Through a transaction pooler Surge cannot give its sessions {@code statement_timeout} itself (see
 * {@link DatabaseProperties#transactionPooling()}): the pooler's {@code connect_query} or the role's settings must.
 * At start-up this asks a pooled session what it has and says so when it is not the configured timeout, so that a
 * pooler set up without it is seen at once rather than at the first runaway query.
 */
@Component
class StatementTimeoutCheck {

    private static final Logger log = LoggerFactory.getLogger(StatementTimeoutCheck.class);

    private final DatabaseClient db;
    private final DatabaseProperties database;

    StatementTimeoutCheck(DatabaseClient db, DatabaseProperties database) {
        this.db = db;
        this.database = database;
    }

    @EventListener(ApplicationReadyEvent.class)
    void checkOnce() {
        if (database.transactionPooling()) {
            check().subscribe();
        }
    }

    /** The pooled sessions' timeout in milliseconds (0: none), logged at WARN when it is not the configured one. */
    Mono<Long> check() {
        long wanted = database.statementTimeout().toMillis();
        return db.sql("SELECT setting::bigint AS ms FROM pg_settings WHERE name = 'statement_timeout'")
                .map(row -> row.get("ms", Long.class)).one()
                .doOnNext(ms -> {
                    if (ms == wanted) {
                        log.info("Transaction pooling: pooled sessions have statement_timeout {} ms, as configured", ms);
                    } else {
                        log.warn("Transaction pooling: pooled sessions have statement_timeout {} ms, not the configured "
                                + "{} ms (surge.database.statement-timeout): set it in the pooler's connect_query or "
                                + "with ALTER ROLE ... SET statement_timeout; see docs/operations.md, "
                                + "\"PostgreSQL through PgBouncer\"", ms == 0 ? "none (0)" : ms, wanted);
                    }
                })
                .onErrorResume(Exception.class, e -> {
                    log.warn("Transaction pooling: could not read the pooled sessions' statement_timeout: {}", e.toString());
                    return Mono.empty();
                });
    }
}
