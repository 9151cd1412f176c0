package org.cityplatform.exchange.records;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.PooledRedisConnection;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One Redis connection per event loop for the record cache, opened on that loop and used only by
 * it, with the commands of concurrent lookups pipelined on it. A pooled connection belongs to
 * whichever loop opened it: a lookup on another loop paid two thread hand-overs per Redis call
 * (the write and the reply), a large share of a cached lookup's time (see load-tests/RESULTS.md).
 *
 * <p>Replies come back in order, so the oldest command still waiting is the head of a queue; a
 * timer per connection closes a connection whose oldest command waited longer than the cache's
 * timeout, which fails every command on it (the lookups read PostgreSQL) without a timer per
 * command. Callers off an event loop get an empty answer: the cache is only a cache.
 */
@Singleton
public class CacheConnections {

    private static final long CONNECT_TIMEOUT_MILLIS = 1000;
    private static final long RETRY_MILLIS = 200;

    private final Vertx vertx;
    private final Redis client;
    private final long timeoutNanos;
    private final Map<Thread, LoopConnection> byLoop = new ConcurrentHashMap<>();

    CacheConnections(Vertx vertx, RecordCacheSettings settings,
                     @ConfigProperty(name = "quarkus.redis.hosts") String hosts) {
        this.vertx = vertx;
        this.timeoutNanos = settings.timeout().toNanos();
        RedisOptions options = new RedisOptions().setConnectionString(hosts.split(",")[0].strip())
                .setMaxPoolSize(Math.max(8, 2 * Runtime.getRuntime().availableProcessors() + 2))
                .setMaxPoolWaiting(64)
                .setMaxWaitingHandlers(4096);
        options.getNetClientOptions().setConnectTimeout((int) Math.max(100, settings.timeout().toMillis() * 4))
                .setTcpNoDelay(true);
        this.client = Redis.createClient(vertx, options);
    }

    /** Whether the current thread has a connection of its own: only event loops do. */
    public boolean usableHere() {
        return Context.isOnEventLoopThread() && Vertx.currentContext() != null;
    }

    /** Sends one command on this event loop's connection; fails when Redis is slow or down. */
    public Future<Response> send(Request command) {
        if (!usableHere()) {
            return Future.failedFuture(new IllegalStateException("the record cache is used from event loops only"));
        }
        Context context = Vertx.currentContext();
        return byLoop.computeIfAbsent(Thread.currentThread(), t -> new LoopConnection(context)).send(command);
    }

    void close(@Observes ShutdownEvent event) {
        byLoop.values().forEach(LoopConnection::close);
        client.close();
    }

    /** The connection of one loop; touched only by that loop's thread. */
    private final class LoopConnection {

        private final Context context;
        private Future<Link> link;

        LoopConnection(Context context) {
            this.context = context;
        }

        Future<Response> send(Request command) {
            if (link == null) {
                link = open();
            }
            Future<Link> current = link;
            if (current.succeeded()) {
                return current.result().send(command);
            }
            // Connecting (or just failed to): this lookup reads PostgreSQL rather than wait.
            return Future.failedFuture(current.failed() ? current.cause()
                    : new IllegalStateException("connecting to Redis"));
        }

        private Future<Link> open() {
            Promise<Link> opening = Promise.promise();
            // A Redis that accepts the socket but never answers the handshake must not hold the slot.
            long giveUp = vertx.setTimer(CONNECT_TIMEOUT_MILLIS, id -> opening.tryFail("no Redis connection in time"));
            client.connect().onComplete(result -> {
                vertx.cancelTimer(giveUp);
                if (result.failed()) {
                    opening.tryFail(result.cause());
                } else if (opening.future().isComplete()) {
                    result.result().close(); // too late: given up on already
                } else {
                    opening.complete(new Link(this, result.result()));
                }
            });
            opening.future().onFailure(e ->
                    // Try again after a short pause, not on every lookup.
                    vertx.setTimer(RETRY_MILLIS, id -> context.runOnContext(v -> {
                        if (link == opening.future()) {
                            link = null;
                        }
                    })));
            return opening.future();
        }

        void dropped(Link gone) {
            if (link != null && link.succeeded() && link.result() == gone) {
                link = null;
            }
        }

        void close() {
            Future<Link> current = link;
            if (current != null && current.succeeded()) {
                current.result().connection.close();
            }
        }
    }

    /** One open connection with the send times of its commands still waiting, oldest first. */
    private final class Link {

        private final LoopConnection owner;
        private final RedisConnection connection;
        private final ArrayDeque<Long> sentAt = new ArrayDeque<>();
        private final long watchdog;
        private boolean closed;

        Link(LoopConnection owner, RedisConnection connection) {
            this.owner = owner;
            this.connection = connection;
            connection.exceptionHandler(e -> drop());
            connection.endHandler(v -> drop());
            this.watchdog = vertx.setPeriodic(Math.max(5, timeoutNanos / 2_000_000), id -> {
                Long oldest = sentAt.peekFirst();
                if (oldest != null && System.nanoTime() - oldest > timeoutNanos) {
                    drop();
                }
            });
        }

        Future<Response> send(Request command) {
            sentAt.addLast(System.nanoTime());
            return connection.send(command).andThen(result -> sentAt.pollFirst());
        }

        private void drop() {
            if (closed) {
                return;
            }
            closed = true;
            owner.dropped(this);
            vertx.cancelTimer(watchdog);
            // Handing a stuck connection back to the pool would hand it to the next loop: close its socket.
            if (connection instanceof PooledRedisConnection pooled) {
                pooled.actual().forceClose();
            } else {
                connection.close();
            }
        }
    }
}
