package org.cityplatform.exchange.catalog;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Reports how many datasets break Art. 8 (sensitive fields in an UNCONDITIONAL dataset), stored
 * before the rule was enforced. A warning, never DOWN: the instance serves as well as before, and
 * the center has each dataset in its notifications. The health endpoint is public: a count, no codes.
 */
@Readiness
@ApplicationScoped
public class CatalogRulesReadinessCheck implements AsyncHealthCheck {

    private static final Logger LOG = Logger.getLogger(CatalogRulesReadinessCheck.class);

    static final String NAME = "catalog-rules";

    private final SensitiveUnconditionalDatasets breaking;

    CatalogRulesReadinessCheck(SensitiveUnconditionalDatasets breaking) {
        this.breaking = breaking;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return breaking.codes()
                .map(codes -> HealthCheckResponse.named(NAME).up().withData(NAME, codes.isEmpty() ? "OK"
                        : codes.size() + " UNCONDITIONAL dataset(s) with sensitive fields (Art. 8): see the center's notifications")
                        .build())
                .onFailure().invoke(e -> LOG.debugf("%s readiness: %s", NAME, e.toString()))
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).up()
                        .withData(NAME, "UNKNOWN: catalog not readable").build());
    }
}
