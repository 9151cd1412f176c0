package org.cityplatform.exchange.records;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The record paths' metrics under names an operator reads without a glossary. Rates (records per
 * second) are the counters' rate() in Prometheus; gauges show what is in flight now.
 */
// A singleton, not application-scoped: the hot paths read its fields directly, without a proxy.
@Singleton
public class RecordMetrics {

    final Counter pushedAccepted;
    final Counter pushedUnchanged;
    final Counter pushedRejected;
    final Counter exportRows;
    final Counter changeRows;
    final AtomicInteger batchesInFlight = new AtomicInteger();
    final AtomicInteger exportsOpen = new AtomicInteger();
    final AtomicInteger pushesOpen = new AtomicInteger();

    RecordMetrics(MeterRegistry registry) {
        pushedAccepted = pushed(registry, "accepted");
        pushedUnchanged = pushed(registry, "unchanged");
        pushedRejected = pushed(registry, "rejected");
        exportRows = Counter.builder("exchange.export.rows").description("Rows streamed by exports")
                .register(registry);
        changeRows = Counter.builder("exchange.changes.rows").description("Changes handed out by the change feed")
                .register(registry);
        registry.gauge("exchange.push.batches.in.flight", batchesInFlight);
        registry.gauge("exchange.export.streams.open", exportsOpen);
        registry.gauge("exchange.push.streams.open", pushesOpen);
    }

    private static Counter pushed(MeterRegistry registry, String outcome) {
        return Counter.builder("exchange.push.records").tag("outcome", outcome)
                .description("Pushed items by outcome: accepted (stored), unchanged (identical to the stored record), "
                        + "rejected (invalid)")
                .register(registry);
    }
}
