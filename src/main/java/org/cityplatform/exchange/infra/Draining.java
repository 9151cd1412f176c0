package org.cityplatform.exchange.infra;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Where this instance stands in a graceful shutdown, and the streams it still has to settle.
 *
 * <p>Three steps, each one-way: readiness goes DOWN (the load balancer stops sending), then new API
 * requests are refused and running exports are cut, then, once the push drain is over, pushes
 * still reading their body are ended. Pushes and exports register here while they run, with what
 * to do to them; those actions run on the stream's own event loop, where its state lives.
 */
@Singleton
public class Draining {

    private static final Logger LOG = Logger.getLogger(Draining.class);

    private final Vertx vertx;
    private final ShutdownSettings settings;
    private final Map<Object, Stream> pushes = new ConcurrentHashMap<>();
    private final Map<Object, Stream> exports = new ConcurrentHashMap<>();
    private volatile boolean notReady;
    private volatile boolean refusing;
    private volatile boolean pushesEnded;
    private volatile long pushDeadlineNanos;

    Draining(Vertx vertx, ShutdownSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
    }

    /** A running stream and what ends it, bound to the event loop it runs on. */
    private record Stream(Context context, Runnable end) {
        void endNow() {
            if (context == null || Vertx.currentContext() == context) {
                end.run();
            } else {
                context.runOnContext(v -> end.run());
            }
        }
    }

    /** Readiness DOWN; requests are still served while the load balancer catches up (the shutdown delay). */
    public void notReady() {
        if (!notReady) {
            notReady = true;
            LOG.info("shutting down: readiness is DOWN");
        }
    }

    /** New API requests are refused, exports cut; pushes in flight get the push drain to finish. */
    public void refuseNew() {
        notReady();
        if (refusing) {
            return;
        }
        pushDeadlineNanos = System.nanoTime() + settings.pushDrain().toNanos();
        refusing = true;
        LOG.infof("draining: new requests refused, %d export(s) cut, %d push(es) get %s to finish",
                exports.size(), pushes.size(), settings.pushDrain());
        endAll(exports);
        vertx.setTimer(Math.max(1, settings.pushDrain().toMillis()), id -> endPushes());
    }

    private void endPushes() {
        pushesEnded = true;
        if (!pushes.isEmpty()) {
            LOG.warnf("push drain over: ending %d push(es) still reading their body", pushes.size());
        }
        endAll(pushes);
    }

    private static void endAll(Map<Object, Stream> streams) {
        streams.values().forEach(Stream::endNow);
    }

    public boolean isReady() {
        return !notReady;
    }

    public boolean refusesNew() {
        return refusing;
    }

    /**
     * A push started reading its body; {@code endInput} stops it visibly once the push drain is
     * over (at once if it already is). Returns what the push calls when it has answered.
     */
    public Runnable pushing(Runnable endInput) {
        return register(pushes, endInput, pushesEnded);
    }

    /** An export started streaming; {@code abort} cuts it when draining starts (at once if it has). */
    public Runnable exporting(Runnable abort) {
        return register(exports, abort, refusing);
    }

    private static Runnable register(Map<Object, Stream> streams, Runnable end, boolean alreadyOver) {
        Object key = new Object();
        Stream stream = new Stream(Vertx.currentContext(), end);
        streams.put(key, stream);
        if (alreadyOver) {
            stream.endNow();
        }
        return () -> streams.remove(key);
    }

    /** Waits (blocking: the shutdown thread only) until no push or export runs, or the time is up. */
    public boolean awaitStreams(Duration grace) throws InterruptedException {
        long deadline = Math.max(pushDeadlineNanos, System.nanoTime()) + grace.toNanos();
        while (!(pushes.isEmpty() && exports.isEmpty())) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    public int pushesRunning() {
        return pushes.size();
    }

    public int exportsRunning() {
        return exports.size();
    }
}
