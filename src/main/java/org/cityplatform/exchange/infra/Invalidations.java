package org.cityplatform.exchange.infra;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Tells every instance that a grant, a catalog entry or an agency changed, over Redis pub/sub, so
 * that in-memory decisions never outlive the database (docs/architecture.md, "Redis: cache, invalidations, counters").
 *
 * <p>A cache may only be trusted while invalidations are known to arrive. Each instance therefore
 * publishes a heartbeat several times a second and listens for its own: when it has not heard one
 * for {@link #TRUST_WINDOW}, the caches stop answering and every read goes to PostgreSQL, until the
 * channel works again and the caches start empty. A revocation thus reaches every instance within
 * a second, or that instance has stopped trusting what it held.
 */
@Singleton
public class Invalidations {

    public enum Topic { GRANT, DATASET, AGENCY, CALENDAR, OBJECTION, QUOTA }

    static final String CHANNEL = "exchange:invalidations";
    static final Duration HEARTBEAT = Duration.ofMillis(200);
    static final Duration TRUST_WINDOW = Duration.ofMillis(800);
    private static final Logger LOG = Logger.getLogger(Invalidations.class);

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final String instance = UUID.randomUUID().toString();
    private final List<Consumer<Invalidation>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile long lastHeardNanos;
    private volatile boolean trusted;
    private ReactivePubSubCommands<String> pubsub;
    private long timer = -1;
    private boolean subscribing;

    /** One change: the topic and the identifier of what changed (a dataset code, agency code, "consumer|dataset"). */
    public record Invalidation(Topic topic, String id) {
    }

    Invalidations(ReactiveRedisDataSource redis, Vertx vertx, io.micrometer.core.instrument.MeterRegistry registry) {
        this.redis = redis;
        this.vertx = vertx;
        registry.gauge("exchange.access.cache.trusted", this, i -> i.trusted() ? 1 : 0);
    }

    void start(@Observes StartupEvent event) {
        pubsub = redis.pubsub(String.class);
        subscribe();
        timer = vertx.setPeriodic(HEARTBEAT.toMillis(), t -> beat());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** A cache calls this on every change it must forget, and to learn about flushes. */
    public void listen(Consumer<Invalidation> listener) {
        listeners.add(listener);
    }

    /** Whether entries loaded now may be kept and served; checked on every cache read. */
    public boolean trusted() {
        return trusted && System.nanoTime() - lastHeardNanos < TRUST_WINDOW.toNanos();
    }

    /**
     * Moves on every invalidation and flush. A cache reads it before loading from the database and
     * keeps what it loaded only if it has not moved, so a load racing a change is never kept.
     */
    public long generation() {
        return generation.get();
    }

    /** Announces a committed change: forgotten here at once, and everywhere else within milliseconds. */
    public io.smallrye.mutiny.Uni<Void> publish(Topic topic, String id) {
        deliver(new Invalidation(topic, id));
        return pubsub.publish(CHANNEL, topic.name() + "|" + id)
                .ifNoItem().after(Duration.ofMillis(500)).fail()
                .onFailure().invoke(e -> LOG.warnf("invalidation %s %s not published: %s", topic, id, e.getMessage()))
                // The change is committed; instances that miss it stop trusting their caches by themselves.
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void subscribe() {
        if (subscribing) {
            return;
        }
        subscribing = true;
        pubsub.subscribe(CHANNEL, this::received)
                .subscribe().with(s -> {
                    subscribing = false;
                    LOG.debug("listening for invalidations");
                }, e -> {
                    subscribing = false;
                    LOG.debugf("invalidations not subscribed: %s", e.getMessage());
                });
    }

    private void beat() {
        if (!trusted()) {
            if (trusted) {
                LOG.warn("invalidations unheard: caches bypassed until Redis pub/sub works again");
                trusted = false;
            }
            flushAll();
            subscribe();
        }
        pubsub.publish(CHANNEL, "HEARTBEAT|" + instance).subscribe().with(v -> { }, e -> { });
    }

    private void received(String message) {
        int bar = message.indexOf('|');
        if (bar < 0) {
            return;
        }
        String kind = message.substring(0, bar);
        String id = message.substring(bar + 1);
        if (kind.equals("HEARTBEAT")) {
            if (id.equals(instance)) {
                lastHeardNanos = System.nanoTime();
                if (!trusted) {
                    // Whatever was cached before may have missed changes: start empty.
                    flushAll();
                    trusted = true;
                }
            }
            return;
        }
        try {
            deliver(new Invalidation(Topic.valueOf(kind), id));
        } catch (IllegalArgumentException e) {
            LOG.debugf("ignored invalidation %s", message);
        }
    }

    private void deliver(Invalidation invalidation) {
        generation.incrementAndGet();
        listeners.forEach(l -> l.accept(invalidation));
    }

    private void flushAll() {
        deliver(new Invalidation(null, null));
    }
}
