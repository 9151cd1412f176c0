package org.cityplatform.exchange.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cityplatform.exchange.identity.SubjectType;

@ApplicationScoped
public class DatasetRepository implements PanacheRepositoryBase<Dataset, String> {

    /**
     * The catalog filters of docs/api.md; pending datasets are seen by the center and their own
     * provider, retiring and retired ones by everyone (the catalog keeps them, Art. 3, 33).
     */
    public Uni<List<Dataset>> search(CatalogFilter filter, boolean seesPending, String ownAgency, int offset, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!seesPending) {
            where.append(" and (status <> :pending or provider = :own)");
            params.put("pending", DatasetStatus.PENDING_CLASSIFICATION);
            params.put("own", ownAgency == null ? "" : ownAgency);
        }
        if (filter.provider() != null) {
            where.append(" and provider = :provider");
            params.put("provider", filter.provider());
        }
        if (filter.sharingClass() != null) {
            where.append(" and sharingClass = :sharingClass");
            params.put("sharingClass", filter.sharingClass());
        }
        if (filter.subjectType() != null) {
            where.append(" and subjectType = :subjectType");
            params.put("subjectType", filter.subjectType());
        }
        if (filter.text() != null) {
            where.append(" and (lower(name) like :q escape '\\' or lower(code) like :q escape '\\')");
            params.put("q", "%" + escapeLike(filter.text().toLowerCase(Locale.ROOT)) + "%");
        }
        return find(where.toString(), Sort.by("code"), params).range(offset, offset + limit - 1).list();
    }

    /** Withdraws a dataset from open data (V6 open_datasets), in the caller's transaction. */
    public Uni<Void> closeOpenData(String code) {
        return getSession().flatMap(session -> session.createNativeQuery("DELETE FROM open_datasets WHERE dataset = :code")
                .setParameter("code", code).executeUpdate()).replaceWithVoid();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public record CatalogFilter(String provider, SharingClass sharingClass, SubjectType subjectType, String text) {
    }
}
