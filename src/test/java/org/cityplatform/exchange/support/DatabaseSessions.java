package org.cityplatform.exchange.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.eclipse.microprofile.config.ConfigProvider;

/** PostgreSQL's own view of the sessions the gateway under test holds in its database. */
public final class DatabaseSessions {

    private DatabaseSessions() {
    }

    /** Sessions of the gateway's database in the given state ('active', 'idle in transaction', ...). */
    public static int inState(String state) {
        return count("state = '" + state.replace("'", "") + "'");
    }

    /** Sessions of the gateway's database that hold an export's read of the records open. */
    public static int exportsInProgress() {
        return count("state IN ('active', 'idle in transaction') AND query LIKE '%FROM records WHERE dataset_id%'");
    }

    private static int count(String condition) {
        // The database the gateway under test uses, also when the run overrides it (-Dquarkus.datasource.jdbc.url).
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String database = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                     + database + "' AND pid <> pg_backend_pid() AND " + condition)) {
            rs.next();
            return rs.getInt(1);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read pg_stat_activity", e);
        }
    }
}
