package org.cityplatform.exchange.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.cityplatform.exchange.infra.Invalidations;
import org.cityplatform.exchange.infra.TrustedCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.cityplatform.exchange.identity.SubjectType;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/**
 * Catalog entries for the record hot paths: from memory while invalidations are heard, else one
 * indexed row on the reactive client, with the field definitions parsed once per entry version.
 */
@ApplicationScoped
public class CatalogDirectory {

    private static final String SELECT = "SELECT id, code, provider, subject_type, sharing_class, status, version, "
            + "schema::text, schema_version, retirement_effective_on FROM datasets WHERE code = $1";

    private final Pool pool;
    private final ObjectMapper json;
    private final ConcurrentMap<String, CatalogEntry> parsed = new ConcurrentHashMap<>();
    private final TrustedCache<Optional<CatalogEntry>> cache;
    private final TrustedCache<List<String>> activeCodes;

    CatalogDirectory(Pool pool, ObjectMapper json, Invalidations invalidations) {
        this.pool = pool;
        this.json = json;
        this.cache = new TrustedCache<>(invalidations, Invalidations.Topic.DATASET, 100_000);
        this.activeCodes = new TrustedCache<>(invalidations, Invalidations.Topic.DATASET, 1, true);
    }

    /** Every dataset in force, ACTIVE or RETIRING (a subject lookup reads across them). */
    public Uni<List<CatalogEntry>> active() {
        return activeCodes.get("active", () -> pool.query(
                        "SELECT code FROM datasets WHERE status IN ('ACTIVE', 'RETIRING') ORDER BY code")
                        .execute().map(rows -> {
                            List<String> codes = new java.util.ArrayList<>();
                            rows.forEach(r -> codes.add(r.getString(0)));
                            return List.copyOf(codes);
                        }))
                .flatMap(codes -> codes.isEmpty() ? Uni.createFrom().item(List.<CatalogEntry>of())
                        : Uni.join().all(codes.stream().map(this::find).toList()).andFailFast()
                                .map(found -> found.stream().flatMap(Optional::stream).filter(CatalogEntry::isActive).toList()));
    }

    public Uni<Optional<CatalogEntry>> find(String code) {
        return cache.get(code, () -> load(code));
    }

    private Uni<Optional<CatalogEntry>> load(String code) {
        return pool.preparedQuery(SELECT).execute(Tuple.of(code)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            return it.hasNext() ? Optional.of(entry(it.next())) : Optional.empty();
        });
    }

    /** The entry, or 404 NOT_FOUND: a dataset that is not in the catalog has no records. */
    public Uni<CatalogEntry> require(String code) {
        return find(code).map(found -> found.orElseThrow(
                () -> new ProblemException(ProblemCode.NOT_FOUND, "no dataset " + code + " in the catalog")));
    }

    private CatalogEntry entry(Row row) {
        String code = row.getString(1);
        long version = row.getLong(6);
        CatalogEntry known = parsed.get(code);
        if (known != null && known.version() == version) {
            return known;
        }
        String sharingClass = row.getString(4);
        CatalogEntry entry = new CatalogEntry(row.getInteger(0), code, row.getString(2),
                SubjectType.valueOf(row.getString(3)), sharingClass == null ? null : SharingClass.valueOf(sharingClass),
                DatasetStatus.valueOf(row.getString(5)), schema(row.getString(7)).fields(), version, row.getInteger(8),
                row.getLocalDate(9));
        parsed.put(code, entry);
        return entry;
    }

    private DatasetSchema schema(String text) {
        try {
            return json.readValue(text, DatasetSchema.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable schema in the catalog", e);
        }
    }
}
