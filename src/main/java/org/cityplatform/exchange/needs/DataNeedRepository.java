package org.cityplatform.exchange.needs;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DataNeedRepository implements PanacheRepositoryBase<DataNeed, Long> {
}
