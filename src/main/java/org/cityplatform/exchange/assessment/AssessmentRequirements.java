package org.cityplatform.exchange.assessment;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cityplatform.exchange.catalog.UpdateCycle;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/**
 * The center's requirements for a year (Art. 33): which datasets it requires, at which update cycle
 * (overriding the catalog's for the assessment), and the weights of the score ({@link ScoreFormula}).
 * Replaced whole, until the year's report is published; then they are what it was measured by.
 */
@ApplicationScoped
public class AssessmentRequirements {

    static final int MAX_DATASETS = 5000;
    static final int MAX_NOTES = 4000;
    static final int MAX_CODE = 64;
    static final double MAX_WEIGHT = 1_000_000;
    // Below this a weight times a measure loses its digits (4.9e-324 × 0.5 is 0): the score would
    // read 0 or 100 for any measure, and the public formula would print the weight as 4.9E-324.
    static final double MIN_WEIGHT = 0.001;

    /** One required dataset and the cycle it must be updated at; the cycle is named, not bound, so a wrong one is named back. */
    public record RequiredDataset(String code, String updateCycle) {
    }

    /** The center's request: the datasets, the weights by measure, optional notes. */
    public record SetRequirements(List<RequiredDataset> datasets, Map<String, Double> weights, String notes) {
    }

    /** A year's requirements as stored, with the score's formula stated in Chinese and English. */
    public record Requirements(int year, List<RequiredDataset> datasets, Map<String, Double> weights, String notes,
                               OffsetDateTime setAt, String setBy, Map<String, String> method) {
    }

    /**
     * Setting a year's requirements and publishing its report take this lock for the year, each in
     * its own transaction: a final report then either sees requirements set before it and is scored
     * by them, or commits first and the requirements are refused; never a report scored by weights
     * the year no longer has (Art. 33, 34).
     */
    static final String LOCK_YEAR = "SELECT pg_advisory_xact_lock(hashtext('assessment-year'), $1)";
    // An interim report does not freeze the year's requirements; the final one does (Art. 34).
    private static final String PUBLISHED = "SELECT 1 FROM assessment_publications WHERE year = $1 AND NOT interim";
    private static final String KNOWN = "SELECT code FROM datasets WHERE code = ANY($1)";
    private static final String UPSERT = """
            INSERT INTO assessment_requirements (year, datasets, weights, notes, set_at, set_by)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (year) DO UPDATE SET datasets = EXCLUDED.datasets, weights = EXCLUDED.weights,
                notes = EXCLUDED.notes, set_at = EXCLUDED.set_at, set_by = EXCLUDED.set_by
            WHERE NOT EXISTS (SELECT 1 FROM assessment_publications p WHERE p.year = EXCLUDED.year AND NOT p.interim)""";
    private static final String SELECT = "SELECT year, datasets, weights, notes, set_at, set_by "
            + "FROM assessment_requirements WHERE year BETWEEN $1 AND $2";

    private final Pool pool;
    private final Clock clock;

    AssessmentRequirements(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Sets the year's requirements (the caller is the center), replacing earlier ones until the year's final report is published. */
    public Uni<Requirements> set(int year, SetRequirements body, String setBy) {
        checkYear(year);
        if (body == null) {
            throw invalid("a body {\"datasets\",\"weights\",\"notes\"} is required");
        }
        List<RequiredDataset> datasets = datasets(body.datasets());
        Map<String, Double> weights = weights(body.weights());
        String notes = body.notes() == null || body.notes().isBlank() ? null : body.notes().strip();
        if (notes != null && notes.length() > MAX_NOTES) {
            throw invalid("notes: at most " + MAX_NOTES + " characters");
        }
        String[] codes = datasets.stream().map(RequiredDataset::code).toArray(String[]::new);
        return pool.preparedQuery(KNOWN).execute(Tuple.of(codes)).flatMap(known -> {
            Set<String> found = new HashSet<>();
            known.forEach(row -> found.add(row.getString(0)));
            List<String> unknown = datasets.stream().map(RequiredDataset::code).filter(c -> !found.contains(c))
                    .limit(10).toList();
            if (!unknown.isEmpty()) {
                throw invalid("datasets: no dataset " + String.join(", ", unknown) + " in the catalog");
            }
            return pool.withTransaction(conn -> conn.preparedQuery(LOCK_YEAR).execute(Tuple.of(year))
                    .flatMap(locked -> conn.preparedQuery(PUBLISHED).execute(Tuple.of(year)))
                    .flatMap(published -> write(conn, year, datasets, weights, notes, setBy, published)));
        });
    }

    private Uni<Requirements> write(SqlConnection conn, int year, List<RequiredDataset> datasets,
                                    Map<String, Double> weights, String notes, String setBy, RowSet<Row> published) {
        if (published.size() > 0) {
            throw published(year);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        JsonArray stored = new JsonArray(datasets.stream()
                .map(d -> new JsonObject().put("code", d.code()).put("updateCycle", d.updateCycle())).toList());
        return conn.preparedQuery(UPSERT).execute(Tuple.tuple().addInteger(year).addValue(stored)
                        .addValue(new JsonObject(new LinkedHashMap<>(weights))).addString(notes)
                        .addOffsetDateTime(now).addString(setBy))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw published(year); // published in between
                    }
                    return new Requirements(year, datasets, weights, notes, now, setBy, ScoreFormula.describe(weights));
                });
    }

    /** The year's requirements, if the center set them. */
    public Uni<Optional<Requirements>> find(int year) {
        checkYear(year);
        return of(year, year).map(all -> Optional.ofNullable(all.get(year)));
    }

    /** The requirements of each year from {@code first} to {@code last} that has them, by year. */
    Uni<Map<Integer, Requirements>> of(int first, int last) {
        return pool.preparedQuery(SELECT).execute(Tuple.of(first, last)).map(rows -> {
            Map<Integer, Requirements> all = new HashMap<>();
            for (Row row : rows) {
                List<RequiredDataset> datasets = new ArrayList<>();
                ((JsonArray) row.getValue(1)).forEach(o -> {
                    JsonObject d = (JsonObject) o;
                    datasets.add(new RequiredDataset(d.getString("code"), d.getString("updateCycle")));
                });
                Map<String, Double> weights = new LinkedHashMap<>();
                ((JsonObject) row.getValue(2)).forEach(e -> weights.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
                all.put(row.getInteger(0), new Requirements(row.getInteger(0), datasets, weights, row.getString(3),
                        row.getOffsetDateTime(4), row.getString(5), ScoreFormula.describe(weights)));
            }
            return all;
        });
    }

    private void checkYear(int year) {
        int next = CityDays.today(clock).getYear() + 1;
        if (year < 2000 || year > next) {
            throw invalid("year: a year from 2000 to " + next);
        }
    }

    private static List<RequiredDataset> datasets(List<RequiredDataset> given) {
        if (given == null) {
            throw invalid("datasets: required, a list of {\"code\",\"updateCycle\"} (may be empty)");
        }
        if (given.size() > MAX_DATASETS) {
            throw invalid("datasets: at most " + MAX_DATASETS);
        }
        List<RequiredDataset> checked = new ArrayList<>(given.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            RequiredDataset d = given.get(i);
            String at = "datasets[" + i + "]";
            if (d == null || d.code() == null || d.code().isBlank()) {
                throw invalid(at + ".code: required");
            }
            String code = d.code().strip();
            if (code.length() > MAX_CODE) {
                throw invalid(at + ".code: at most " + MAX_CODE + " characters");
            }
            if (!seen.add(code)) {
                throw invalid(at + ".code: " + code + " is required twice");
            }
            checked.add(new RequiredDataset(code, cycle(at, d.updateCycle()).name()));
        }
        return checked;
    }

    private static UpdateCycle cycle(String at, String text) {
        if (text == null || text.isBlank()) {
            throw invalid(at + ".updateCycle: required, one of REALTIME, DAILY, WEEKLY, MONTHLY");
        }
        try {
            return UpdateCycle.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(at + ".updateCycle: one of REALTIME, DAILY, WEEKLY, MONTHLY");
        }
    }

    private static Map<String, Double> weights(Map<String, Double> given) {
        if (given == null || given.isEmpty()) {
            throw invalid("weights: required, a weight for at least one of " + names());
        }
        Map<String, Double> checked = new LinkedHashMap<>();
        double sum = 0;
        for (ScoreFormula.Measure m : ScoreFormula.MEASURES) {
            if (given.containsKey(m.name())) {
                Double w = given.get(m.name());
                if (w == null || !Double.isFinite(w) || w < 0 || w > MAX_WEIGHT || (w > 0 && w < MIN_WEIGHT)) {
                    throw invalid("weights." + m.name() + ": 0, or a number from " + MIN_WEIGHT + " to "
                            + (long) MAX_WEIGHT);
                }
                checked.put(m.name(), w);
                sum += w;
            }
        }
        for (String name : given.keySet()) {
            if (!ScoreFormula.known(name)) {
                throw invalid("weights: no measure '" + (name.length() > 64 ? name.substring(0, 64) + "…" : name)
                        + "'; measures are " + names());
            }
        }
        if (sum <= 0) {
            throw invalid("weights: their sum must be above 0");
        }
        return checked;
    }

    private static String names() {
        return String.join(", ", ScoreFormula.MEASURES.stream().map(ScoreFormula.Measure::name).toList());
    }

    private static ProblemException published(int year) {
        return new ProblemException(ProblemCode.INVALID_STATE,
                year + " is published: its requirements are those it was assessed by, and are not changed");
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemCode.INVALID_REQUEST, detail);
    }
}
