package org.cityplatform.exchange.calendar;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The calendar years in PostgreSQL (V5), read and written whole, a year in one transaction. */
@ApplicationScoped
public class CalendarStore {

    private static final String SELECT = "SELECT y.year, y.papers, d.date, d.name, d.off_day "
            + "FROM calendar_years y LEFT JOIN calendar_days d ON d.year = y.year ";

    private final Pool pool;

    CalendarStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<CalendarYear>> all() {
        return pool.query(SELECT + "ORDER BY y.year, d.date").execute().map(CalendarStore::years);
    }

    public Uni<Optional<CalendarYear>> year(int year) {
        return pool.preparedQuery(SELECT + "WHERE y.year = $1 ORDER BY d.date").execute(Tuple.of(year))
                .map(rows -> years(rows).stream().findFirst());
    }

    /** Replaces the year's days with the given ones. */
    public Uni<Void> save(CalendarYear year, String updatedBy) {
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO calendar_years (year, papers, updated_by) "
                        + "VALUES ($1, $2, $3) ON CONFLICT (year) DO UPDATE "
                        + "SET papers = EXCLUDED.papers, updated_at = now(), updated_by = EXCLUDED.updated_by")
                .execute(Tuple.of(year.year(), year.papers().toArray(String[]::new), updatedBy))
                .chain(() -> conn.preparedQuery("DELETE FROM calendar_days WHERE year = $1").execute(Tuple.of(year.year())))
                .chain(() -> insertDays(conn, year))
                .replaceWithVoid());
    }

    /**
     * Stores the year only when it is not there yet: shipped data never overwrites what the center
     * has put since. Instances starting together are safe, the conflict makes the later one wait.
     */
    public Uni<Boolean> saveIfAbsent(CalendarYear year, String updatedBy) {
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO calendar_years (year, papers, updated_by) "
                        + "VALUES ($1, $2, $3) ON CONFLICT (year) DO NOTHING RETURNING year")
                .execute(Tuple.of(year.year(), year.papers().toArray(String[]::new), updatedBy))
                .chain(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().item(false)
                        : insertDays(conn, year).replaceWith(true)));
    }

    private static Uni<RowSet<Row>> insertDays(SqlClient conn, CalendarYear year) {
        List<CalendarDay> days = year.days();
        return conn.preparedQuery("INSERT INTO calendar_days (year, date, name, off_day) "
                        + "SELECT $1, d, n, o FROM unnest($2::date[], $3::text[], $4::boolean[]) AS u(d, n, o)")
                .execute(Tuple.of(year.year(),
                        days.stream().map(CalendarDay::date).toArray(LocalDate[]::new),
                        days.stream().map(CalendarDay::name).toArray(String[]::new),
                        days.stream().map(CalendarDay::offDay).toArray(Boolean[]::new)));
    }

    private static List<CalendarYear> years(RowSet<Row> rows) {
        Map<Integer, List<String>> papers = new LinkedHashMap<>();
        Map<Integer, List<CalendarDay>> days = new LinkedHashMap<>();
        for (Row row : rows) {
            int year = row.getInteger(0);
            papers.computeIfAbsent(year, y -> Arrays.asList(row.getArrayOfStrings(1)));
            List<CalendarDay> list = days.computeIfAbsent(year, y -> new ArrayList<>());
            if (row.getLocalDate(2) != null) {
                list.add(new CalendarDay(row.getString(3), row.getLocalDate(2), row.getBoolean(4)));
            }
        }
        return papers.keySet().stream().map(y -> new CalendarYear(y, papers.get(y), days.get(y))).toList();
    }
}
