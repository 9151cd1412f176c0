package org.cityplatform.exchange.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Catalog entries as they may have been stored before a rule existed, written straight into the
 * database: what the gateway must still handle safely, though its API no longer lets anyone
 * create them. Use on a dataset the gateway has not yet read, so that no instance caches it.
 */
public final class LegacyCatalog {

    private LegacyCatalog() {
    }

    /** Marks a field sensitive whatever the dataset's class (before Art. 8 was enforced, issue 16). */
    public static void markSensitive(String dataset, String field) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String sql = """
                UPDATE datasets SET version = version + 1, schema = jsonb_set(schema, '{fields}',
                    (SELECT jsonb_agg(CASE WHEN f->>'name' = ? THEN f || '{"sensitive": true}' ELSE f END)
                     FROM jsonb_array_elements(schema->'fields') f))
                WHERE code = ?""";
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, field);
            s.setString(2, dataset);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("no dataset " + dataset);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the legacy catalog entry", e);
        }
    }
}
