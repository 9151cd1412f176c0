package org.cityplatform.exchange.agency;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class AgencyRepository implements PanacheRepositoryBase<Agency, String> {

    public Uni<List<Agency>> listAll(AgencyStatus status, AgencyKind kind) {
        StringBuilder where = new StringBuilder("1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        if (kind != null) {
            where.append(" and kind = :kind");
            params.put("kind", kind);
        }
        return find(where.toString(), Sort.by("code"), params).list();
    }
}
