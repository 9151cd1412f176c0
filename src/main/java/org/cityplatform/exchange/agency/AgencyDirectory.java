package org.cityplatform.exchange.agency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cityplatform.exchange.infra.Invalidations;
import org.cityplatform.exchange.infra.TrustedCache;
import org.cityplatform.exchange.security.AgencyStanding;
import org.cityplatform.exchange.security.AgencyStandings;

/**
 * The standing of an agency (registered, active, agreement signed and until when it counts), asked
 * on every request: from memory while invalidations are heard, else indexed reads on the reactive
 * client (no Hibernate session on the hot path).
 */
@ApplicationScoped
public class AgencyDirectory implements AgencyStandings {

    /** The id under {@link Invalidations.Topic#AGENCY} announcing a newly published agreement version. */
    public static final String AGREEMENT_VERSIONS = "agreement-versions";

    /** What one agency's row says: whether it is active and which version it signed (null: none). */
    private record Registered(boolean active, String signed) {
    }

    /** A published version, in the order versions take force. */
    record VersionTerms(String version, LocalDate graceEndsOn) {
    }

    private final Pool pool;
    private final TrustedCache<Optional<Registered>> cache;
    private final TrustedCache<List<VersionTerms>> versions;

    AgencyDirectory(Pool pool, Invalidations invalidations) {
        this.pool = pool;
        this.cache = new TrustedCache<>(invalidations, Invalidations.Topic.AGENCY, 100_000);
        this.versions = new TrustedCache<>(invalidations, Invalidations.Topic.AGENCY, 1);
    }

    @Override
    public Uni<Optional<AgencyStanding>> standing(String code) {
        return cache.get(code, () -> load(code)).flatMap(row -> row.isEmpty()
                ? Uni.createFrom().item(Optional.<AgencyStanding>empty())
                : versions.get(AGREEMENT_VERSIONS, this::loadVersions)
                        .map(published -> Optional.of(standing(code, row.get().active(), row.get().signed(), published))));
    }

    /**
     * Art. 32. With no version published, any signature counts, as before versions existed. Else a
     * signature lapses at the end of the grace period of the first version published after the one
     * signed; a signature of a version never published (made before versions were) lapses with the
     * first published version's.
     */
    static AgencyStanding standing(String code, boolean active, String signed, List<VersionTerms> published) {
        if (signed == null) {
            return new AgencyStanding(code, active, false);
        }
        int at = -1;
        for (int i = 0; i < published.size(); i++) {
            if (published.get(i).version().equals(signed)) {
                at = i;
            }
        }
        LocalDate graceEnds = at + 1 < published.size() ? published.get(at + 1).graceEndsOn() : null;
        return new AgencyStanding(code, active, true, graceEnds);
    }

    private Uni<Optional<Registered>> load(String code) {
        return pool.preparedQuery("SELECT status, CASE WHEN agreement_signed_at IS NULL THEN NULL ELSE agreement_version END"
                        + " FROM agencies WHERE code = $1")
                .execute(Tuple.of(code))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    return Optional.of(new Registered(AgencyStatus.ACTIVE.name().equals(row.getString(0)), row.getString(1)));
                });
    }

    private Uni<List<VersionTerms>> loadVersions() {
        return pool.preparedQuery("SELECT version, grace_ends_on FROM agreement_versions ORDER BY effective_on, id")
                .execute()
                .map(rows -> {
                    List<VersionTerms> all = new ArrayList<>();
                    rows.forEach(row -> all.add(new VersionTerms(row.getString(0), row.getLocalDate(1))));
                    return List.copyOf(all);
                });
    }
}
