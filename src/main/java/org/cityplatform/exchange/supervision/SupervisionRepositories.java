package org.cityplatform.exchange.supervision;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Panache persistence of the three supervision entities. */
public final class SupervisionRepositories {

    private SupervisionRepositories() {
    }

    @ApplicationScoped
    public static class Orders implements PanacheRepositoryBase<RectificationOrder, Long> {
    }

    @ApplicationScoped
    public static class Criticisms implements PanacheRepositoryBase<Criticism, Long> {
    }

    @ApplicationScoped
    public static class Violations implements PanacheRepositoryBase<Violation, Long> {
    }
}
