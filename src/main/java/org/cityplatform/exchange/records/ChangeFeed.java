package org.cityplatform.exchange.records;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.cityplatform.exchange.access.ReadScope;
import org.cityplatform.exchange.infra.AsyncBridges;

/** The change feed with its long poll: re-reads when a push signals, or every second regardless. */
@ApplicationScoped
public class ChangeFeed {

    // A change can become visible without a signal (an older transaction ended): re-check this often.
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final RecordStore store;
    private final ChangeSignals signals;

    ChangeFeed(RecordStore store, ChangeSignals signals) {
        this.store = store;
        this.signals = signals;
    }

    public Uni<ChangePage> read(ReadScope scope, ChangeCursor since, int limit, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        return poll(scope.dataset().id(), since, limit, scope.hiddenFields(), deadline);
    }

    private Uni<ChangePage> poll(int datasetId, ChangeCursor since, int limit, String[] hidden, long deadline) {
        long seen = signals.generation(datasetId);
        return AsyncBridges.uni(store.changes(datasetId, since, limit, hidden)).flatMap(page -> {
            long left = deadline - System.nanoTime();
            if (!page.changes().isEmpty() || left <= 0) {
                return Uni.createFrom().item(page);
            }
            Duration pause = Duration.ofNanos(Math.min(left, RECHECK.toNanos()));
            return signals.next(datasetId, seen, pause).flatMap(v -> poll(datasetId, since, limit, hidden, deadline));
        });
    }
}
