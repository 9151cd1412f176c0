package org.cityplatform.exchange.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class DelayReportRepository implements PanacheRepositoryBase<DelayReport, Long> {

    /** A dataset's reports, newest first. */
    public Uni<List<DelayReport>> of(String dataset, int offset, int limit) {
        return find("dataset", Sort.descending("id"), dataset).range(offset, offset + limit - 1).list();
    }
}
