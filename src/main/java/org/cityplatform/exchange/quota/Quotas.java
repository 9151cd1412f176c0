package org.cityplatform.exchange.quota;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.Function;
import org.cityplatform.exchange.problem.RateLimitedException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * What the data routes (lookup, push, export, changes, subject lookup) ask after authentication:
 * may this agency's request go on, and may its export start. Only agency callers are limited; the
 * center and ops are not, and management endpoints (agencies, catalog, grants, ...) are exempt.
 * A refusal is a {@link RateLimitedException} inside the request's work, so it is audited and
 * answered like every other refusal, with Retry-After.
 */
@Singleton
public class Quotas {

    private static final Slot UNLIMITED = () -> ExportSlots.RELEASED;

    /** A running export's hold on its agency's cap; released once, however the export ends. */
    public interface Slot extends ExportSlots.Slot {
    }

    private final QuotaDirectory directory;
    private final Vertx vertx;
    private final QuotaSettings settings;
    private final RequestWindows windows;
    private final ExportSlots slots;
    private final Counter refusedRequests;
    private final Counter refusedExports;
    private long syncTimer = -1;
    private long renewTimer = -1;

    Quotas(QuotaDirectory directory, RedisQuotaCounts redis, QuotaSettings settings, Vertx vertx, MeterRegistry registry) {
        this.directory = directory;
        this.vertx = vertx;
        this.settings = settings;
        this.windows = new RequestWindows(redis, System::currentTimeMillis, settings.redisTimeout());
        // After a failed claim, exports skip Redis for a second rather than each wait for its timeout.
        this.slots = new ExportSlots(redis, settings.redisTimeout(), Duration.ofSeconds(1), System::nanoTime);
        this.refusedRequests = refused(registry, "requests");
        this.refusedExports = refused(registry, "exports");
        registry.gauge("exchange.quota.shared", this, q -> q.windows.shared() ? 1 : 0);
    }

    private static Counter refused(MeterRegistry registry, String kind) {
        return Counter.builder("exchange.quota.refused").tag("kind", kind)
                .description("Agency requests or exports refused with 429 RATE_LIMITED over the agency's quota")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        syncTimer = vertx.setPeriodic(settings.syncInterval().toMillis(), t -> windows.sync());
        renewTimer = vertx.setPeriodic(Math.max(1, settings.exportLease().toMillis() / 3), t -> slots.renew());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(syncTimer);
        vertx.cancelTimer(renewTimer);
    }

    /**
     * Goes on with {@code then} when the caller's request fits its agency's requests a second; fails
     * with 429 otherwise. With the quota in memory (the usual case) this adds no operator to the
     * request's pipeline: a map look-up and a counter.
     */
    public <T> Uni<T> admit(Caller caller, Function<Caller, Uni<T>> then) {
        if (!limited(caller)) {
            return then.apply(caller);
        }
        Quota known = directory.cached(caller.agency());
        if (known != null) {
            return within(caller, known, then);
        }
        return directory.of(caller.agency()).flatMap(quota -> within(caller, quota, then));
    }

    private <T> Uni<T> within(Caller caller, Quota quota, Function<Caller, Uni<T>> then) {
        RateLimitedException refused = overRate(caller, quota);
        return refused == null ? then.apply(caller) : Uni.createFrom().failure(refused);
    }

    /** The caller, once its request fits its agency's requests a second; fails with 429 otherwise. */
    public Uni<Caller> admit(Caller caller) {
        return admit(caller, admitted -> Uni.createFrom().item(admitted));
    }

    private RateLimitedException overRate(Caller caller, Quota quota) {
        long wait = windows.admit(caller.agency(), quota.requestsPerSecond());
        if (wait == 0) {
            return null;
        }
        refusedRequests.increment();
        return new RateLimitedException(wait, "agency " + caller.agency() + " is over its quota of "
                + quota.requestsPerSecond() + " requests a second");
    }

    /** A slot for one export of the caller's agency; fails with 429 while its cap of exports are running. */
    public Uni<Slot> claimExport(Caller caller) {
        if (!limited(caller)) {
            return Uni.createFrom().item(UNLIMITED);
        }
        return directory.of(caller.agency()).flatMap(quota -> slots.claim(caller.agency(), quota.concurrentExports())
                .map(slot -> {
                    if (slot == null) {
                        refusedExports.increment();
                        throw new RateLimitedException(settings.exportRetryAfter().toSeconds(), "agency "
                                + caller.agency() + " already runs its quota of " + quota.concurrentExports() + " exports");
                    }
                    return slot::release;
                }));
    }

    private static boolean limited(Caller caller) {
        return caller.is(Role.AGENCY);
    }
}
