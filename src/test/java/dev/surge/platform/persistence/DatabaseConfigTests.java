package dev.surge.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The R2DBC options each setting of {@link DatabaseProperties} gives, and the direct address. */
class DatabaseConfigTests {

    static final ConnectionFactoryOptions POOLER = ConnectionFactoryOptions.parse("r2dbc:postgresql://pgbouncer:6432/surge");

    static ConnectionFactoryOptions customized(DatabaseProperties database) {
        ConnectionFactoryOptions.Builder options = POOLER.mutate();
        new DatabaseConfig().databaseSessionOptions(database).customize(options);
        return options.build();
    }

    @Test
    void directlyStatementsAreCachedAndTheTimeoutIsSentAtConnect() {
        ConnectionFactoryOptions options = customized(new DatabaseProperties(Duration.ofSeconds(10), false, null, null));
        assertThat(options.getValue(PostgresqlConnectionFactoryProvider.STATEMENT_TIMEOUT)).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.hasOption(PostgresqlConnectionFactoryProvider.PREPARED_STATEMENT_CACHE_QUERIES)).isFalse();
    }

    @Test
    void throughATransactionPoolerStatementsAreUnnamedAndNoTimeoutIsSent() {
        ConnectionFactoryOptions options = customized(new DatabaseProperties(Duration.ofSeconds(10), true, null, null));
        assertThat(options.getValue(PostgresqlConnectionFactoryProvider.PREPARED_STATEMENT_CACHE_QUERIES)).isEqualTo(0);
        assertThat(options.hasOption(PostgresqlConnectionFactoryProvider.STATEMENT_TIMEOUT)).isFalse();
    }

    @Test
    void theDirectAddressKeepsDatabaseAndUserAndReplacesHostAndPort() {
        ConnectionFactoryOptions pooled = ConnectionFactoryOptions.parse("r2dbc:postgresql://app:secret@pgbouncer:6432/surge");
        ConnectionFactoryOptions direct = new DatabaseProperties(Duration.ofSeconds(10), true, "postgres", 5432).direct(pooled);
        assertThat(direct.getValue(ConnectionFactoryOptions.HOST)).isEqualTo("postgres");
        assertThat(direct.getValue(ConnectionFactoryOptions.PORT)).isEqualTo(5432);
        assertThat(direct.getValue(ConnectionFactoryOptions.DATABASE)).isEqualTo("surge");
        assertThat(direct.getValue(ConnectionFactoryOptions.USER)).isEqualTo("app");
        assertThat(new DatabaseProperties(Duration.ofSeconds(10), true, " ", null).hasDirectAddress()).isFalse();
        assertThat(new DatabaseProperties(Duration.ofSeconds(10), true, null, null).direct(pooled)
                .getValue(ConnectionFactoryOptions.HOST)).isEqualTo("pgbouncer");
    }
}
