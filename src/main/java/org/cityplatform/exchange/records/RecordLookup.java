package org.cityplatform.exchange.records;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.cityplatform.exchange.access.ReadScope;
import org.cityplatform.exchange.catalog.SharingClass;
import org.cityplatform.exchange.identity.SubjectKeys;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/**
 * One record by key, as the body of its lookup: from the Redis cache when the caller may see the
 * whole record of an UNCONDITIONAL dataset, else from PostgreSQL with the caller's projection.
 */
@ApplicationScoped
public class RecordLookup {

    private final RecordStore store;
    private final RecordCache cache;

    RecordLookup(RecordStore store, RecordCache cache) {
        this.store = store;
        this.cache = cache;
    }

    public Uni<String> body(ReadScope scope, String rawKey) {
        String key = SubjectKeys.canonical(scope.dataset().subjectType(), rawKey);
        int datasetId = scope.dataset().id();
        // Only whole records of unconditional data are cached: projections differ by grant.
        boolean cacheable = scope.dataset().sharingClass() == SharingClass.UNCONDITIONAL && scope.allowed().whole();
        Uni<String> fromDatabase = store.find(datasetId, key, scope.hiddenFields()).map(found -> {
            String body = found.orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND,
                    "no record " + key + " in dataset " + scope.dataset().code()))
                    .appendJson(new StringBuilder(512), false).toString();
            if (cacheable) {
                cache.fill(datasetId, key, body);
            }
            return body;
        });
        if (!cacheable) {
            return fromDatabase;
        }
        return cache.get(datasetId, key).flatMap(hit -> hit.isPresent() ? Uni.createFrom().item(hit.get()) : fromDatabase);
    }
}
