package org.cityplatform.exchange.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class DatasetVersionRepository implements PanacheRepositoryBase<DatasetVersion, DatasetVersion.Key> {

    /** A dataset's versions, the newest first. */
    public Uni<List<DatasetVersion>> of(String dataset) {
        return find("dataset", Sort.descending("version"), dataset).list();
    }
}
