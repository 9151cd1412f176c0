package org.cityplatform.exchange.records;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Wakes long-polling change-feed requests when a push commits, on every instance: pushes NOTIFY
 * the channel in the statement that writes the records, and each instance LISTENs on one
 * connection. A waiting request holds no thread, only an entry here and a timer.
 */
@ApplicationScoped
public class ChangeSignals {

    static final String CHANNEL = "exchange_records";
    private static final Logger LOG = Logger.getLogger(ChangeSignals.class);

    private final Vertx vertx;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private final Map<Integer, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    // Signals seen per dataset: a signal that lands between a reader's query and its wait is not lost.
    private final Map<Integer, AtomicLong> generations = new ConcurrentHashMap<>();
    private PgSubscriber subscriber;

    ChangeSignals(Vertx vertx,
                  @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                  @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                  @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(retries -> 1000L); // keep trying; waiters re-check on their own meanwhile
        subscriber.channel(CHANNEL).handler(this::signal);
        subscriber.connect().onFailure(e -> LOG.warnf("change signals not connected yet: %s", e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** How many signals this instance has seen for the dataset; pass it to {@link #next}. */
    public long generation(int datasetId) {
        return generations.computeIfAbsent(datasetId, id -> new AtomicLong()).get();
    }

    /**
     * Completes when a change of the dataset commits anywhere after {@code seen} (a value of
     * {@link #generation}), or after {@code max} at the latest.
     */
    public Uni<Void> next(int datasetId, long seen, Duration max) {
        return Uni.createFrom().emitter(emitter -> {
            if (generation(datasetId) != seen) {
                emitter.complete(null);
                return;
            }
            Waiter waiter = new Waiter(emitter);
            Set<Waiter> set = waiters.computeIfAbsent(datasetId, id -> ConcurrentHashMap.newKeySet());
            long timer = vertx.setTimer(Math.max(1, max.toMillis()), t -> waiter.fire());
            emitter.onTermination(() -> {
                vertx.cancelTimer(timer);
                set.remove(waiter);
            });
            set.add(waiter);
            if (generation(datasetId) != seen) {
                waiter.fire();
            }
        });
    }

    int waiting() {
        return waiters.values().stream().mapToInt(Set::size).sum();
    }

    private void signal(String payload) {
        try {
            int datasetId = Integer.parseInt(payload);
            generations.computeIfAbsent(datasetId, id -> new AtomicLong()).incrementAndGet();
            Set<Waiter> set = waiters.get(datasetId);
            if (set != null) {
                set.forEach(Waiter::fire);
            }
        } catch (NumberFormatException e) {
            LOG.debugf("ignored signal %s", payload);
        }
    }

    private static final class Waiter {
        private final UniEmitter<? super Void> emitter;
        private final AtomicBoolean fired = new AtomicBoolean();

        Waiter(UniEmitter<? super Void> emitter) {
            this.emitter = emitter;
        }

        void fire() {
            if (fired.compareAndSet(false, true)) {
                emitter.complete(null);
            }
        }
    }
}
