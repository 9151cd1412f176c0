package org.cityplatform.exchange.objections;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ObjectionRepository implements PanacheRepositoryBase<Objection, Long> {
}
