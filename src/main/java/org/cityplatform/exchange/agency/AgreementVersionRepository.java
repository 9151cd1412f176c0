package org.cityplatform.exchange.agency;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;

/**
 * Published versions of the agreement, in the order they take force: by effective day, and among
 * versions of the same day the later published.
 */
@ApplicationScoped
public class AgreementVersionRepository implements PanacheRepositoryBase<AgreementVersion, Long> {

    static final Sort ORDER = Sort.by("effectiveOn").and("id");

    public Uni<List<AgreementVersion>> inOrder() {
        return listAll(ORDER);
    }

    /** The version in force on the day, or null while none is (none published, or none effective yet). */
    public Uni<AgreementVersion> inForceOn(LocalDate day) {
        return find("effectiveOn <= ?1", Sort.descending("effectiveOn").and("id", Sort.Direction.Descending), day)
                .firstResult();
    }

    public Uni<AgreementVersion> byVersion(String version) {
        return find("version", version).firstResult();
    }

    /** Versions in force by the day whose earlier signatories were not yet told. */
    public Uni<List<AgreementVersion>> unannouncedBy(LocalDate day) {
        return list("effectiveOn <= ?1 and notifiedAt is null", ORDER, day);
    }
}
