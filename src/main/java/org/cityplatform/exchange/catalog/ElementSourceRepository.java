package org.cityplatform.exchange.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ElementSourceRepository implements PanacheRepositoryBase<ElementSource, String> {
}
