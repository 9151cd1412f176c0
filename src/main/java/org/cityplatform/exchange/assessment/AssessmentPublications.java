package org.cityplatform.exchange.assessment;

import org.cityplatform.exchange.infra.CityDays;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.cityplatform.exchange.access.ReadAccess;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/**
 * Publishes a year's assessment (Art. 34). While the year runs the center may publish interim
 * reports, each replacing the one before; the final report comes only once the year has ended in
 * the city's time, and is frozen: its figures are served as they were, whatever happens to the data
 * afterwards, and the year is not published again.
 */
@ApplicationScoped
public class AssessmentPublications {

    static final int MAX_ADVICE = 4000;
    // Only an interim report is replaced: the WHERE leaves a final one untouched and the count at 0.
    private static final String UPSERT = "INSERT INTO assessment_publications (year, period_from, period_to, figures, "
            + "advice, published_at, published_by, interim, publisher, contact, criticisms, score_weights) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (year) DO UPDATE SET "
            + "period_from = EXCLUDED.period_from, period_to = EXCLUDED.period_to, figures = EXCLUDED.figures, "
            + "advice = EXCLUDED.advice, published_at = EXCLUDED.published_at, published_by = EXCLUDED.published_by, "
            + "interim = EXCLUDED.interim, publisher = EXCLUDED.publisher, contact = EXCLUDED.contact, "
            + "criticisms = EXCLUDED.criticisms, score_weights = EXCLUDED.score_weights "
            + "WHERE assessment_publications.interim";
    private static final String SELECT = "SELECT year, period_from, period_to, figures, advice, published_at, interim, "
            + "publisher, contact, criticisms, score_weights FROM assessment_publications WHERE year = $1";
    private static final String CRITICISMS = "SELECT id, agency, text, order_id, issued_at FROM criticisms "
            + "WHERE issued_at >= $1 AND issued_at < $2 ORDER BY id";

    private final AssessmentFigures figures;
    private final AssessmentRequirements requirements;
    private final AssessmentSettings settings;
    private final Pool pool;
    private final Clock clock;

    AssessmentPublications(AssessmentFigures figures, AssessmentRequirements requirements, AssessmentSettings settings,
                           Pool pool, Clock clock) {
        this.figures = figures;
        this.requirements = requirements;
        this.settings = settings;
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * Publishes {@code year}: an interim report (figures to today for the current year) replacing any
     * interim one before it, or the final report, once the year has ended (Art. 34).
     */
    public Uni<Publication> publish(int year, Map<String, String> advice, boolean interim, String publishedBy) {
        LocalDate today = CityDays.today(clock);
        if (year < 2000 || year > today.getYear()) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST,
                    "year: a year from 2000 to " + today.getYear() + "; a year is published once it has begun");
        }
        if (!interim && year >= today.getYear()) {
            throw new ProblemException(ProblemCode.YEAR_NOT_ENDED, year + " has not ended (city time, "
                    + CityDays.ZONE.getId() + "): its final report is published from " + (year + 1)
                    + "-01-01; until then publish {\"interim\":true}");
        }
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = year == today.getYear() ? today : LocalDate.of(year, 12, 31);
        Map<String, String> given = advice == null ? Map.of() : advice;
        Uni<List<PublishedCriticism>> criticised = pool.preparedQuery(CRITICISMS)
                .execute(Tuple.of(from.atStartOfDay(CityDays.ZONE).toOffsetDateTime(),
                        to.plusDays(1).atStartOfDay(CityDays.ZONE).toOffsetDateTime()))
                .map(rows -> {
                    List<PublishedCriticism> found = new ArrayList<>();
                    rows.forEach(row -> found.add(new PublishedCriticism(row.getLong(0), row.getString(1),
                            row.getString(2), row.getLong(3), row.getOffsetDateTime(4))));
                    return found;
                });
        // The scores are computed with the year's requirements as they are now; the report keeps their weights.
        // The year's lock (AssessmentRequirements.LOCK_YEAR) keeps them so until the report is written.
        return pool.withTransaction(conn -> conn.preparedQuery(AssessmentRequirements.LOCK_YEAR).execute(Tuple.of(year))
                .flatMap(locked -> write(conn, year, from, to, given, interim, publishedBy, criticised)));
    }

    private Uni<Publication> write(SqlConnection conn, int year, LocalDate from, LocalDate to, Map<String, String> given,
                                   boolean interim, String publishedBy, Uni<List<PublishedCriticism>> criticised) {
        return criticised.flatMap(criticisms -> requirements.find(year).flatMap(required -> figures.of(from, to).flatMap(all -> {
            Map<String, Double> weights = required.map(AssessmentRequirements.Requirements::weights).orElse(null);
            Set<String> agencies = all.stream().map(AgencyAssessment::agency).collect(Collectors.toSet());
            Map<String, String> checked = new LinkedHashMap<>();
            given.forEach((agency, text) -> {
                if (!agencies.contains(agency)) {
                    throw new ProblemException(ProblemCode.INVALID_REQUEST, "advice: no agency " + agency);
                }
                if (text != null && text.length() > MAX_ADVICE) {
                    throw new ProblemException(ProblemCode.INVALID_REQUEST,
                            "advice for " + agency + ": at most " + MAX_ADVICE + " characters");
                }
                if (text != null && !text.isBlank()) {
                    checked.put(agency, text.strip());
                }
            });
            OffsetDateTime now = OffsetDateTime.now(clock);
            String publisher = settings.publisher().strip();
            String contact = settings.contact().strip();
            JsonArray frozen = new JsonArray(all.stream().map(JsonObject::mapFrom).toList());
            return conn.preparedQuery(UPSERT).execute(Tuple.tuple().addInteger(year).addLocalDate(from).addLocalDate(to)
                            .addValue(frozen).addValue(new JsonObject(new LinkedHashMap<>(checked))).addOffsetDateTime(now)
                            .addString(publishedBy).addBoolean(interim).addString(publisher).addString(contact)
                            .addValue(frozen(criticisms))
                            .addValue(weights == null ? null : new JsonObject(new LinkedHashMap<>(weights))))
                    .map(rows -> {
                        if (rows.rowCount() == 0) {
                            throw new ProblemException(ProblemCode.INVALID_STATE,
                                    "the final report of " + year + " is published; it is not changed");
                        }
                        return new Publication(year, from, to, all, checked, now, interim, publisher, contact,
                                criticisms, weights);
                    });
        })));
    }

    public Uni<Optional<Publication>> find(int year) {
        return pool.preparedQuery(SELECT).execute(Tuple.of(year)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            JsonArray stored = (JsonArray) row.getValue(3);
            List<AgencyAssessment> agencies = stored.stream()
                    .map(o -> ((JsonObject) o).mapTo(AgencyAssessment.class)).toList();
            Map<String, String> advice = new LinkedHashMap<>();
            ((JsonObject) row.getValue(4)).forEach(e -> advice.put(e.getKey(), String.valueOf(e.getValue())));
            // Reports published before the publisher was kept name the one configured now.
            String publisher = row.getString(7) == null ? settings.publisher().strip() : row.getString(7);
            String contact = row.getString(8) == null ? settings.contact().strip() : row.getString(8);
            return Optional.of(new Publication(row.getInteger(0), row.getLocalDate(1), row.getLocalDate(2), agencies,
                    advice, row.getOffsetDateTime(5), row.getBoolean(6), publisher, contact,
                    criticisms((JsonArray) row.getValue(9)), weights((JsonObject) row.getValue(10))));
        });
    }

    private static JsonArray frozen(List<PublishedCriticism> criticisms) {
        JsonArray all = new JsonArray();
        criticisms.forEach(c -> all.add(new JsonObject().put("id", c.id()).put("agency", c.agency())
                .put("text", c.text()).put("order", c.order()).put("issuedAt", c.issuedAt().toString())));
        return all;
    }

    private static Map<String, Double> weights(JsonObject stored) {
        if (stored == null) {
            return null;
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        stored.forEach(e -> weights.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
        return weights;
    }

    private static List<PublishedCriticism> criticisms(JsonArray stored) {
        return stored.stream().map(o -> (JsonObject) o).map(c -> new PublishedCriticism(c.getLong("id"),
                c.getString("agency"), c.getString("text"), c.getLong("order"),
                OffsetDateTime.parse(c.getString("issuedAt")))).toList();
    }
}
