package org.cityplatform.exchange.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.cityplatform.exchange.infra.ClientAddress;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Decides which unauthenticated refusals on the data routes are written to the audit trail: per
 * client address at most {@code eventsPerAddressPerMinute} a minute, and at most
 * {@code eventsPerMinute} for all addresses together; the rest are counted
 * ({@code exchange_audit_refusals_unwritten_total}) and summed up in one log line a minute, so
 * the refusals stay visible while no one can grow the trail at will. Requests with a verified
 * token are not decided here: they are audited every time (Art. 31). In this instance's memory,
 * in fixed one-minute windows; the table holds the current minute's addresses only.
 */
@Singleton
public class AnonymousRefusals {

    private static final Logger LOG = Logger.getLogger(AnonymousRefusals.class);
    private static final long MINUTE = 60_000;

    private final int perAddress;
    private final int perMinute;
    private final boolean trustForwardedFor;
    private final LongSupplier clock;
    private final Counter unwritten;
    private final Map<String, int[]> addresses;

    private long minute = -1;
    private int written;
    private int suppressed;
    private String mostAddress;
    private int mostSuppressed;

    @Inject
    AnonymousRefusals(AnonymousRefusalSettings settings, MeterRegistry registry,
                      // The same client address as open data's limits see, by the same rule.
                      @ConfigProperty(name = "exchange.open-data.trust-forwarded-for", defaultValue = "false")
                      boolean trustForwardedFor) {
        this(settings.eventsPerAddressPerMinute(), settings.eventsPerMinute(), settings.maxAddresses(),
                trustForwardedFor, registry, System::currentTimeMillis);
    }

    AnonymousRefusals(int perAddress, int perMinute, int maxAddresses, boolean trustForwardedFor,
                      MeterRegistry registry, LongSupplier clock) {
        this.perAddress = perAddress;
        this.perMinute = perMinute;
        this.trustForwardedFor = trustForwardedFor;
        this.clock = clock;
        this.unwritten = Counter.builder("exchange.audit.refusals.unwritten")
                .description("Unauthenticated refusals counted but not written to the audit trail (over the per-address limit)")
                .register(registry);
        this.addresses = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
                return size() > maxAddresses;
            }
        };
    }

    void summarizeEveryMinute(@Observes StartupEvent event, Vertx vertx) {
        vertx.setPeriodic(MINUTE, t -> roll());
    }

    /** True when this unauthenticated refusal is to be written to the audit trail. */
    public boolean admit(HttpServerRequest request) {
        return admit(ClientAddress.of(request, trustForwardedFor));
    }

    synchronized boolean admit(String address) {
        rollTo(clock.getAsLong() / MINUTE);
        int[] count = addresses.computeIfAbsent(address, a -> new int[2]);
        if (count[0] < perAddress && written < perMinute) {
            count[0]++;
            written++;
            return true;
        }
        count[1]++;
        suppressed++;
        if (count[1] > mostSuppressed) {
            mostSuppressed = count[1];
            mostAddress = address;
        }
        unwritten.increment();
        return false;
    }

    /** Closes the minute that has passed, if any, with its summary line. */
    synchronized void roll() {
        rollTo(clock.getAsLong() / MINUTE);
    }

    private void rollTo(long now) {
        if (now == minute) {
            return;
        }
        if (suppressed > 0) {
            LOG.warnf("%d unauthenticated refusals from %d addresses were counted but not written to the audit trail "
                            + "in the minute from %s (at most %d events per address a minute, %d in all); most from %s (%d)",
                    suppressed, addresses.values().stream().filter(c -> c[1] > 0).count(),
                    Instant.ofEpochMilli(minute * MINUTE), perAddress, perMinute, mostAddress, mostSuppressed);
        }
        minute = now;
        written = 0;
        suppressed = 0;
        mostAddress = null;
        mostSuppressed = 0;
        addresses.clear();
    }

    synchronized int tracked() {
        return addresses.size();
    }
}
