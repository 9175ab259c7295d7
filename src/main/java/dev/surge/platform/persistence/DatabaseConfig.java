package dev.surge.platform.persistence;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The R2DBC connection options that depend on what is between Surge and PostgreSQL ({@link DatabaseProperties}).
 * Directly connected, statements are prepared once per connection and cached (r2dbc-postgresql's default), and
 * every connection starts with {@code statement_timeout}. Through a transaction pooler a connection is a new server
 * session at every transaction: a cached statement name would point at another session's statement (or collide
 * with it), so each statement is parsed unnamed; and PgBouncer accepts only a few startup parameters.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    @Bean
    ConnectionFactoryOptionsBuilderCustomizer databaseSessionOptions(DatabaseProperties database) {
        return options -> {
            if (database.transactionPooling()) {
                options.option(PostgresqlConnectionFactoryProvider.PREPARED_STATEMENT_CACHE_QUERIES, 0);
            } else if (!database.statementTimeout().isZero()) {
                options.option(PostgresqlConnectionFactoryProvider.STATEMENT_TIMEOUT, database.statementTimeout());
            }
        };
    }
}
