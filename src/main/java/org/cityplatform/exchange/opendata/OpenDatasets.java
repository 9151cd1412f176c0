package org.cityplatform.exchange.opendata;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The open_datasets table: one statement per operation on the reactive client, since the open
 * export looks its dataset up on every request and nothing here needs an entity's life cycle.
 */
@ApplicationScoped
public class OpenDatasets {

    private static final String COLUMNS = "o.dataset, o.fields, o.key_published, o.title, o.description, "
            + "o.opened_at, o.changed_at, o.state, o.review_due";

    /*
     * The write happens only while the dataset is ACTIVE and UNCONDITIONAL, in the same statement
     * that checks it: a reclassification committing between the provider's request and this write
     * leaves nothing open. A second opening replaces the fields and keeps the first opening's time.
     * A PERSON dataset's opening waits for the center, and opening it again asks again: an approval
     * and its assessment were for the fields assessed (Art. 24).
     */
    private static final String OPEN = "INSERT INTO open_datasets (dataset, fields, key_published, title, description, "
            + "opened_at, opened_by, changed_at, changed_by, state) "
            + "SELECT code, $2, $3, $4, $5, $6, $7, $6, $7, "
            + "CASE WHEN subject_type = 'PERSON' THEN 'PENDING_APPROVAL' ELSE 'OPEN' END FROM datasets "
            + "WHERE code = $1 AND status IN ('ACTIVE', 'RETIRING') AND sharing_class = 'UNCONDITIONAL' "
            + "ON CONFLICT (dataset) DO UPDATE SET fields = EXCLUDED.fields, key_published = EXCLUDED.key_published, "
            + "title = EXCLUDED.title, description = EXCLUDED.description, "
            + "changed_at = EXCLUDED.changed_at, changed_by = EXCLUDED.changed_by, state = EXCLUDED.state, "
            + "assessed_by = NULL, assessment_conclusion = NULL, review_due = NULL, refusal_reason = NULL, "
            + "decided_at = NULL, decided_by = NULL, review_notice_at = NULL "
            + "RETURNING state";

    private final Pool pool;

    OpenDatasets(Pool pool) {
        this.pool = pool;
    }

    /** Records the provider's consent; its state, or empty when the dataset is (no longer) openable. */
    public Uni<Optional<OpeningState>> open(String dataset, List<String> fields, boolean keyPublished, String title,
                                            String description, String by, OffsetDateTime at) {
        Tuple params = Tuple.tuple(Arrays.asList(dataset, fields.toArray(String[]::new), keyPublished, title,
                description, at, by));
        return pool.preparedQuery(OPEN).execute(params).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            return it.hasNext() ? Optional.of(OpeningState.valueOf(it.next().getString(0))) : Optional.empty();
        });
    }

    /** Withdraws the consent; false when the dataset was not open. */
    public Uni<Boolean> withdraw(String dataset) {
        return pool.preparedQuery("DELETE FROM open_datasets WHERE dataset = $1").execute(Tuple.of(dataset))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Publication>> find(String dataset) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM open_datasets o WHERE o.dataset = $1")
                .execute(Tuple.of(dataset)).map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    return it.hasNext() ? Optional.of(publication(it.next())) : Optional.empty();
                });
    }

    /** Every published opening with the catalog words anyone reads in the listing, by dataset code. */
    public Uni<List<Listed>> list(String onlyDataset) {
        String sql = "SELECT " + COLUMNS + ", d.name, d.provider, a.name, d.update_cycle FROM open_datasets o "
                + "JOIN datasets d ON d.code = o.dataset JOIN agencies a ON a.code = d.provider "
                + "WHERE d.status IN ('ACTIVE', 'RETIRING') AND d.sharing_class = 'UNCONDITIONAL' AND o.state = 'OPEN'"
                + (onlyDataset == null ? "" : " AND o.dataset = $1") + " ORDER BY o.dataset";
        return pool.preparedQuery(sql).execute(onlyDataset == null ? Tuple.tuple() : Tuple.of(onlyDataset))
                .map(rows -> {
                    List<Listed> listed = new ArrayList<>();
                    rows.forEach(r -> listed.add(new Listed(publication(r), r.getString(9), r.getString(10),
                            r.getString(11), r.getString(12))));
                    return listed;
                });
    }

    private static Publication publication(Row r) {
        return new Publication(r.getString(0), List.of(r.getArrayOfStrings(1)), r.getBoolean(2), r.getString(3),
                r.getString(4), r.getOffsetDateTime(5), r.getOffsetDateTime(6), OpeningState.valueOf(r.getString(7)),
                r.getLocalDate(8));
    }

    /** Every opening in any state, for the center, with its dataset, assessment or refusal; by dataset code. */
    public Uni<List<Reviewed>> reviewed(String onlyDataset) {
        String sql = "SELECT " + COLUMNS + ", d.provider, d.subject_type, o.assessed_by, o.assessment_conclusion, "
                + "o.refusal_reason, o.decided_at, o.decided_by, o.opened_by, o.changed_by "
                + "FROM open_datasets o JOIN datasets d ON d.code = o.dataset"
                + (onlyDataset == null ? "" : " WHERE o.dataset = $1") + " ORDER BY o.dataset";
        return pool.preparedQuery(sql).execute(onlyDataset == null ? Tuple.tuple() : Tuple.of(onlyDataset))
                .map(rows -> {
                    List<Reviewed> all = new ArrayList<>();
                    rows.forEach(r -> all.add(new Reviewed(publication(r), r.getString(9), r.getString(10),
                            r.getString(11), r.getString(12), r.getString(13), r.getOffsetDateTime(14),
                            r.getString(15), r.getString(16), r.getString(17))));
                    return all;
                });
    }

    /** An opening as the center reviews it. */
    public record Reviewed(Publication publication, String provider, String subjectType, String assessedBy,
                           String conclusion, String refusalReason, OffsetDateTime decidedAt, String decidedBy,
                           String openedBy, String changedBy) {
    }

    /** An opening with its dataset's name, provider and update cycle. */
    public record Listed(Publication publication, String name, String provider, String providerName,
                         String updateCycle) {
    }
}
