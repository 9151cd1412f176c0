package org.cityplatform.exchange.records;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

/** Looks at PostgreSQL's own view of the test database's sessions: what the gateway holds open. */
final class DatabaseActivity {

    private DatabaseActivity() {
    }

    /** Sessions of the test database inside a transaction that reads records (an export). */
    static int exportsInProgress() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/exchange_test", "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM pg_stat_activity WHERE datname = 'exchange_test' AND pid <> pg_backend_pid() "
                             + "AND state IN ('active', 'idle in transaction') AND query LIKE '%FROM records WHERE dataset_id%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
