package org.cityplatform.exchange.records;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.cityplatform.exchange.access.ReadScope;
import org.cityplatform.exchange.catalog.SharingClass;
import org.cityplatform.exchange.identity.SubjectKeys;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/**
 * One record by key, as the body of its lookup: from the Redis cache when the caller may see the
 * whole record of an UNCONDITIONAL dataset, else from PostgreSQL with the caller's projection.
 * Concurrent lookups share their Redis command and their query (see {@link CoalescedLookups}).
 */
@ApplicationScoped
public class RecordLookup {

    /** What lookups must share to be answered by one query: the dataset and the fields hidden from the caller. */
    private record Projection(int datasetId, List<String> hidden) {
    }

    private final RecordCache cache;
    private final CoalescedLookups<Projection> fromDatabase;
    private final CoalescedLookups<CachedDataset> fromCache;

    RecordLookup(RecordStore store, RecordCache cache) {
        this.cache = cache;
        this.fromDatabase = new CoalescedLookups<>((projection, keys) -> store.lookupBodies(
                projection.datasetId(), keys, projection.hidden().toArray(new String[0])));
        this.fromCache = new CoalescedLookups<>(cache::getMany);
    }

    public Uni<String> body(ReadScope scope, String rawKey) {
        String key = SubjectKeys.canonical(scope.dataset().subjectType(), rawKey);
        int datasetId = scope.dataset().id();
        CachedDataset cached = CachedDataset.of(scope.dataset());
        // Only whole records of unconditional data are cached: projections differ by grant.
        boolean cacheable = scope.dataset().sharingClass() == SharingClass.UNCONDITIONAL && scope.allowed().whole();
        Uni<String> read = fromDatabase.get(new Projection(datasetId, List.of(scope.hiddenFields())), key)
                .map(body -> {
                    if (body == null) {
                        throw new ProblemException(ProblemCode.NOT_FOUND,
                                "no record " + key + " in dataset " + scope.dataset().code());
                    }
                    if (cacheable) {
                        cache.fill(cached, key, body);
                    }
                    return body;
                });
        if (!cacheable) {
            return read;
        }
        return fromCache.get(cached, key).flatMap(hit -> hit != null ? Uni.createFrom().item(hit) : read);
    }
}
