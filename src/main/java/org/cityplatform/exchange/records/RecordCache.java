package org.cityplatform.exchange.records;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * UNCONDITIONAL records in Redis, as the exact body of their lookup. Only a cache: every miss,
 * timeout or failure reads PostgreSQL, and a dead Redis makes lookups slower, never wrong.
 *
 * <p>A push replaces the entries of the keys it wrote with a short-lived tombstone before it
 * answers, and a lookup fills an entry only where none exists (SET NX). A lookup that read the
 * old record just before the push committed therefore cannot put it back after the push.
 */
@Singleton
public class RecordCache {

    private static final Logger LOG = Logger.getLogger(RecordCache.class);
    static final String TOMBSTONE = "-";
    private static final Duration TOMBSTONE_TTL = Duration.ofSeconds(5);
    private static final String TOMBSTONE_SCRIPT =
            "for i, k in ipairs(KEYS) do redis.call('SET', k, ARGV[1], 'EX', ARGV[2]) end return #KEYS";

    private final ReactiveRedisDataSource redis;
    private final io.vertx.mutiny.sqlclient.Pool pool;
    private volatile String namespace;
    private final CacheConnections connections;
    private final RecordCacheSettings settings;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private volatile long skipUntilNanos = System.nanoTime();
    // One slow answer under a burst is a miss, not an outage: back off only after several in a row.
    private final AtomicInteger failuresInARow = new AtomicInteger();
    static final int FAILURES_BEFORE_BACKOFF = 5;

    RecordCache(ReactiveRedisDataSource redis, CacheConnections connections, RecordCacheSettings settings,
                MeterRegistry registry, io.vertx.mutiny.sqlclient.Pool pool) {
        this.redis = redis;
        this.pool = pool;
        this.connections = connections;
        this.settings = settings;
        this.hits = Counter.builder("exchange.cache.hits").description("Record lookups answered from Redis")
                .register(registry);
        this.misses = Counter.builder("exchange.cache.misses").description("Record lookups that read PostgreSQL")
                .register(registry);
        this.errors = Counter.builder("exchange.cache.errors")
                .description("Redis calls that failed or timed out (the answer came from PostgreSQL)").register(registry);
    }

    /**
     * Reads the database's cache namespace (V10) before the first lookup: entries of a database
     * created anew with the same dataset ids must never be taken for this one's.
     */
    void start(@Observes StartupEvent event) {
        try {
            namespace = "exchange:rec:" + pool.query("SELECT namespace FROM cache_namespace").execute()
                    .await().atMost(java.time.Duration.ofSeconds(30)).iterator().next().getString(0) + ":";
        } catch (RuntimeException e) {
            // No cache rather than a shared one: lookups read PostgreSQL until the next start.
            LOG.errorf("record cache off: the database's cache namespace could not be read: %s", e.getMessage());
            namespace = null;
        }
    }

    /*
     * The schema version is part of the name: an edit that gives stored records a new field's
     * default changes what they read as, and every body cached under the earlier version is
     * left to expire unread.
     */
    String entry(CachedDataset dataset, String key) {
        return namespace + dataset.id() + "." + dataset.schemaVersion() + ":" + key;
    }

    /**
     * The cached lookup bodies among these keys; absent, invalidated and unreadable ones left out.
     * Never fails: Redis slow or down answers nothing, and the lookups read PostgreSQL.
     */
    public Future<Map<String, String>> getMany(CachedDataset dataset, List<String> keys) {
        if (!usable()) {
            misses.increment(keys.size());
            return Future.succeededFuture(Map.of());
        }
        Request mget = Request.cmd(Command.MGET);
        keys.forEach(key -> mget.arg(entry(dataset, key)));
        return connections.send(mget).transform(result -> {
            Map<String, String> found = new HashMap<>(keys.size() * 2);
            if (result.failed()) {
                failed(result.cause());
            } else {
                failuresInARow.set(0);
                Response replies = result.result();
                for (int i = 0; i < keys.size(); i++) {
                    Response reply = replies.get(i);
                    String body = reply == null ? null : reply.toString();
                    if (body != null && !body.equals(TOMBSTONE)) {
                        found.put(keys.get(i), body);
                    }
                }
            }
            hits.increment(found.size());
            misses.increment(keys.size() - found.size());
            return Future.succeededFuture(found);
        });
    }

    /** Remembers a lookup body, unless the key was just invalidated or is already cached. */
    public void fill(CachedDataset dataset, String key, String body) {
        if (!usable() || body.length() > settings.maxValueBytes()) {
            return;
        }
        connections.send(Request.cmd(Command.SET).arg(entry(dataset, key)).arg(body)
                        .arg("EX").arg(settings.ttl().toSeconds()).arg("NX"))
                .onFailure(this::failed);
    }

    /** Tombstones for keys a push wrote, after their commit. */
    public Uni<Void> invalidate(CachedDataset dataset, Collection<String> keys) {
        if (namespace == null || !settings.enabled() || keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> args = new ArrayList<>(keys.size() + 5);
        args.add(TOMBSTONE_SCRIPT);
        args.add(Integer.toString(keys.size()));
        keys.forEach(k -> args.add(entry(dataset, k)));
        args.add(TOMBSTONE);
        args.add(Long.toString(TOMBSTONE_TTL.toSeconds()));
        return redis.execute("EVAL", args.toArray(new String[0]))
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .onFailure().invoke(this::failed)
                // Redis down: nobody reads the cache while it is down, and a restarted Redis is empty.
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private boolean usable() {
        return namespace != null && settings.enabled() && System.nanoTime() - skipUntilNanos > 0 && connections.usableHere();
    }

    private void failed(Throwable e) {
        errors.increment();
        if (failuresInARow.incrementAndGet() < FAILURES_BEFORE_BACKOFF) {
            return;
        }
        skipUntilNanos = System.nanoTime() + settings.backoff().toNanos();
        LOG.debugf("record cache unavailable: %s", e.getMessage());
    }
}
