package org.cityplatform.exchange.records;

import io.netty.util.concurrent.FastThreadLocal;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Gathers the key lookups an event loop receives in one turn into one call per group (one query,
 * one MGET). Netty reads every ready connection before it runs queued tasks, so lookups that
 * arrive together are answered together: under load one statement serves many lookups, and the
 * per-statement cost that dominated a point lookup (a round trip, a parse of the protocol, a
 * write) is paid once. A lookup alone still goes out at the end of its turn, without waiting.
 *
 * @param <G> what lookups must share to go in one call (a dataset, a projection)
 */
final class CoalescedLookups<G> {

    private final BiFunction<G, List<String>, Future<Map<String, String>>> fetch;
    private final FastThreadLocal<Turn> turns = new FastThreadLocal<>() {
        @Override
        protected Turn initialValue() {
            return new Turn();
        }
    };

    /** @param fetch answers the keys of one group: found keys mapped to their value, the others absent */
    CoalescedLookups(BiFunction<G, List<String>, Future<Map<String, String>>> fetch) {
        this.fetch = fetch;
    }

    /** The value of one key (null when absent); alone when not called on an event loop. */
    Uni<String> get(G group, String key) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return Uni.createFrom().emitter(em -> fetch.apply(group, List.of(key))
                    .onComplete(r -> {
                        if (r.succeeded()) {
                            em.complete(r.result().get(key));
                        } else {
                            em.fail(r.cause());
                        }
                    }));
        }
        return Uni.createFrom().emitter(em -> turns.get().add(context, group, key, em));
    }

    /** The lookups one loop gathered since its last flush; touched only by that loop. */
    private final class Turn {

        private Map<G, Map<String, List<UniEmitter<? super String>>>> pending = new HashMap<>();
        private boolean scheduled;

        void add(Context context, G group, String key, UniEmitter<? super String> waiter) {
            pending.computeIfAbsent(group, g -> new HashMap<>()).computeIfAbsent(key, k -> new ArrayList<>(1)).add(waiter);
            if (!scheduled) {
                scheduled = true;
                context.runOnContext(v -> flush());
            }
        }

        private void flush() {
            var groups = pending;
            pending = new HashMap<>();
            scheduled = false;
            groups.forEach((group, waiters) -> fetch.apply(group, new ArrayList<>(waiters.keySet())).onComplete(result -> {
                if (result.succeeded()) {
                    Map<String, String> found = result.result();
                    waiters.forEach((key, list) -> list.forEach(w -> w.complete(found.get(key))));
                } else {
                    waiters.values().forEach(list -> list.forEach(w -> w.fail(result.cause())));
                }
            }));
        }
    }
}
