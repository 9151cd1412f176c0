package org.cityplatform.exchange.classification;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.cityplatform.exchange.access.Grant;
import org.cityplatform.exchange.access.GrantDirectory;
import org.cityplatform.exchange.classification.ClassificationService.Outcome;
import org.cityplatform.exchange.infra.Invalidations;

/** Every instance hears of a dataset's new class, and of each grant it ended, once committed. */
@ApplicationScoped
class ClassificationInvalidations {

    private final Invalidations invalidations;

    ClassificationInvalidations(Invalidations invalidations) {
        this.invalidations = invalidations;
    }

    Uni<Void> publish(Outcome outcome) {
        Uni<Void> done = invalidations.publish(Invalidations.Topic.DATASET, outcome.dataset().code);
        for (Grant grant : outcome.ended()) {
            done = done.call(() -> invalidations.publish(Invalidations.Topic.GRANT,
                    GrantDirectory.id(grant.consumer, grant.dataset)));
        }
        return done;
    }
}
