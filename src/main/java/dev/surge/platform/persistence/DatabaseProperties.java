package dev.surge.platform.persistence;

import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Surge talks to PostgreSQL beyond {@code spring.r2dbc.*} (see docs/operations.md, "PostgreSQL through PgBouncer").
 *
 * @param statementTimeout   no statement may run longer (sent as the connections' {@code statement_timeout})
 * @param transactionPooling the R2DBC URL is a transaction pooler (PgBouncer {@code pool_mode = transaction}): statements
 *                           are unnamed (no prepared statement outlives its transaction's server connection), and
 *                           {@code statement_timeout} is not sent at connect (PgBouncer 1.18 refuses it as a startup
 *                           parameter: the pooler or the role sets it, {@link StatementTimeoutCheck} checks it)
 * @param directHost         PostgreSQL itself, not the pooler, for what needs a session of its own: the outbox relay's
 *                           {@code LISTEN}. Empty: the R2DBC URL's host (Flyway's URL is set in application.yml)
 * @param directPort         the port that goes with {@code directHost}; empty: the R2DBC URL's port
 */
@ConfigurationProperties("surge.database")
public record DatabaseProperties(@DefaultValue("10s") Duration statementTimeout,
        @DefaultValue("false") boolean transactionPooling, String directHost, Integer directPort) {

    public DatabaseProperties {
        if (statementTimeout.isNegative()) {
            throw new IllegalArgumentException("surge.database.statement-timeout must not be negative");
        }
        directHost = directHost == null || directHost.isBlank() ? null : directHost.strip();
    }

    /** True when a direct address is configured: the R2DBC URL may be a pooler, this is PostgreSQL. */
    public boolean hasDirectAddress() {
        return directHost != null || directPort != null;
    }

    /** The options of {@code pooled} (database, user, password, SSL...) with the direct host and port put in. */
    public ConnectionFactoryOptions direct(ConnectionFactoryOptions pooled) {
        ConnectionFactoryOptions.Builder builder = pooled.mutate();
        if (directHost != null) {
            builder.option(ConnectionFactoryOptions.HOST, directHost);
        }
        if (directPort != null) {
            builder.option(ConnectionFactoryOptions.PORT, directPort);
        }
        return builder.build();
    }
}
