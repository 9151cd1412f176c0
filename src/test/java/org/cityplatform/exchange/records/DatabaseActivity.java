package org.cityplatform.exchange.records;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.eclipse.microprofile.config.ConfigProvider;

/** Looks at PostgreSQL's own view of the test database's sessions: what the gateway holds open. */
final class DatabaseActivity {

    private DatabaseActivity() {
    }

    /** Sessions of the test database inside a transaction that reads records (an export). */
    static int exportsInProgress() throws Exception {
        // The database the gateway under test uses, also when the run overrides it (-Dquarkus.datasource.jdbc.url).
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String database = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database + "' AND pid <> pg_backend_pid() "
                             + "AND state IN ('active', 'idle in transaction') AND query LIKE '%FROM records WHERE dataset_id%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
