package org.cityplatform.exchange.access;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Persistence of applications, their steps and grants. */
public final class AccessRepositories {

    private AccessRepositories() {
    }

    @ApplicationScoped
    public static class Applications implements PanacheRepositoryBase<Application, Long> {
    }

    @ApplicationScoped
    public static class Steps implements PanacheRepositoryBase<ApplicationStep, Long> {

        public Uni<List<ApplicationStep>> of(long application) {
            return find("application", Sort.by("at").and("id"), application).list();
        }
    }

    @ApplicationScoped
    public static class Grants implements PanacheRepositoryBase<Grant, Long> {
    }
}
