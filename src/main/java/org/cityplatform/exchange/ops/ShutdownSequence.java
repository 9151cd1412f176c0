package org.cityplatform.exchange.ops;

import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cityplatform.exchange.infra.Draining;
import org.cityplatform.exchange.infra.PendingWork;
import org.cityplatform.exchange.infra.ShutdownSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The order of a graceful shutdown on SIGTERM (docs/OPERATIONS.md, "Graceful shutdown"):
 * <ol>
 * <li>Quarkus fires {@link ShutdownDelayInitiatedEvent} and waits {@code quarkus.shutdown.delay}:
 *     readiness is DOWN, requests are still served while the load balancer catches up.</li>
 * <li>After the delay, new API requests are refused (503), exports are cut, pushes in flight get
 *     {@code exchange.shutdown.push-drain}; meanwhile Quarkus waits for requests in flight
 *     ({@code quarkus.shutdown.timeout}).</li>
 * <li>On {@link ShutdownEvent}, before anything closes (the database pool is still open), the
 *     last streams are awaited and every {@link PendingWork} (the audit writer's queue) is
 *     flushed, each bounded.</li>
 * </ol>
 */
@Singleton
public class ShutdownSequence {

    private static final Logger LOG = Logger.getLogger(ShutdownSequence.class);
    /** Time for pushes ended at the drain deadline to settle their last batches and answer. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final Draining draining;
    private final List<PendingWork> pending;
    private final ShutdownSettings settings;
    private final Vertx vertx;
    private final Optional<Duration> delay;

    ShutdownSequence(Draining draining, @All List<PendingWork> pending, ShutdownSettings settings, Vertx vertx,
                     @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.draining = draining;
        this.pending = pending;
        this.settings = settings;
        this.vertx = vertx;
        this.delay = delay;
    }

    void delayStarted(@Observes ShutdownDelayInitiatedEvent event) {
        draining.notReady();
        long millis = delay.map(Duration::toMillis).orElse(0L);
        if (millis <= 0) {
            draining.refuseNew();
        } else {
            // Quarkus sleeps through the delay on this thread; the refusal starts when it ends.
            vertx.setTimer(millis, id -> draining.refuseNew());
        }
    }

    // First of the shutdown observers: others close connections the audit writer still needs.
    void stopping(@Observes @Priority(0) ShutdownEvent event) throws InterruptedException {
        draining.refuseNew(); // without a delay event (quarkus.shutdown.delay-enabled=false) it starts here
        if (!draining.awaitStreams(SETTLE)) {
            LOG.warnf("shutting down with %d push(es) and %d export(s) still open",
                    draining.pushesRunning(), draining.exportsRunning());
        }
        long deadline = System.nanoTime() + settings.auditFlush().toNanos();
        for (PendingWork work : pending) {
            while (work.pending() > 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(20);
            }
            int left = work.pending();
            if (left > 0) {
                // Push events among them are committed already: a live instance seals them (exchange.audit.dead-chain-after).
                LOG.errorf("%s not flushed within %s: %d item(s) left", work.what(), settings.auditFlush(), left);
            } else {
                LOG.infof("%s flushed", work.what());
            }
        }
    }
}
