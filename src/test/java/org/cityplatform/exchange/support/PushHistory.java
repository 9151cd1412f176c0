package org.cityplatform.exchange.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A dataset's past, written straight into the gateway's database (issue 18): the days it was
 * pushed, when it became active or retired, delay reports filed back then. The API only ever
 * acts now; the assessment judges whole periods of the past.
 */
public final class PushHistory {

    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

    private PushHistory() {
    }

    /** A push received items on each of these city days (at noon). */
    public static void pushedOn(String dataset, LocalDate... days) {
        for (LocalDate day : days) {
            OffsetDateTime noon = day.atTime(12, 0).atZone(CITY).toOffsetDateTime();
            update("INSERT INTO dataset_push_days (dataset_id, day, first_at, last_at) "
                    + "SELECT id, ?, ?, ? FROM datasets WHERE code = ? ON CONFLICT DO NOTHING", day, noon, noon, dataset);
        }
    }

    /** A push on every day from {@code first} to {@code last}, both included. */
    public static void pushedDaily(String dataset, LocalDate first, LocalDate last) {
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            pushedOn(dataset, day);
        }
    }

    /** Forgets every push day of the dataset, as if it had never been pushed. */
    public static void forgetPushes(String dataset) {
        update("DELETE FROM dataset_push_days WHERE dataset_id = (SELECT id FROM datasets WHERE code = ?)", dataset);
    }

    /** Registered and classified (ACTIVE) at the start of that city day. */
    public static void activeSince(String dataset, LocalDate day) {
        OffsetDateTime at = day.atStartOfDay(CITY).toOffsetDateTime();
        update("UPDATE datasets SET registered_at = ?, classified_at = ?, activated_at = ? WHERE code = ?", at, at, at,
                dataset);
    }

    /** RETIRED from that city day. */
    public static void retiredFrom(String dataset, LocalDate day) {
        update("UPDATE datasets SET status = 'RETIRED', retirement_reason = '测试', retirement_effective_on = ?, "
                + "retirement_requested_at = now(), retirement_requested_by = 'test', retired_at = now() WHERE code = ?",
                day, dataset);
    }

    /** A delay report (Art. 28) filed then, expecting the update by that day. */
    public static void delayReported(String dataset, OffsetDateTime filedAt, LocalDate expectedBy) {
        update("INSERT INTO delay_reports (dataset, reason, expected_by, filed_at, filed_by) VALUES (?, '系统升级', ?, ?, 'test')",
                dataset, expectedBy, filedAt);
    }

    /** Moves the catalog's last push back, as a day passing would. */
    public static void lastPushAt(String dataset, OffsetDateTime at) {
        update("UPDATE datasets SET last_push_at = ? WHERE code = ?", at, dataset);
    }

    private static void update(String statement, Object... parameters) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }
}
