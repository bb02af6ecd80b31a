package io.github.frappemessenger.jdbc.internal;

import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Creates and upgrades the tables with Flyway: versioned SQL per database under {@code jdbc/migration/<database>},
 * the table prefix as the placeholder {@code ${prefix}}, and a history table of that prefix so that several stores
 * (or test runs) can share one database. Not part of the API.
 */
public final class Schema {
    private Schema() {
    }

    public static void migrate(DataSource dataSource, Dialect dialect, String prefix) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.migrations())
                .table(prefix + "schema_history")
                .placeholders(Map.of("prefix", prefix))
                // The database usually holds other tables (the application's, other prefixes'): without this Flyway
                // refuses a non-empty schema that lacks our history table. Baseline 0 keeps V1 to be applied.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        try {
            flyway.migrate();
        } catch (FlywayException first) {
            // Two processes opening a fresh SQLite file at once may both try to create the tables; the loser finds
            // them made on its second look. PostgreSQL and MariaDB runs are serialised by Flyway's own lock.
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw first;
            }
            flyway.migrate();
        }
    }
}
