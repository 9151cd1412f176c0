package org.cityplatform.exchange.audit;

import io.smallrye.mutiny.Uni;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cityplatform.exchange.infra.AsyncBridges;

/**
 * What requests use to be audited (Art. 31): the work's outcome, success or refusal, is recorded
 * before the caller hears of it; when the event cannot be recorded the caller gets 503
 * AUDIT_UNAVAILABLE instead ("no data leaves without its audit event").
 */
@Singleton
public class AuditTrail {

    private final AuditWriter writer;
    private final boolean enabled;
    private final MeterRegistry registry;
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();

    AuditTrail(AuditWriter writer, AuditSettings settings, MeterRegistry registry) {
        this.writer = writer;
        this.enabled = !settings.disabledForBenchmark();
        this.registry = registry;
    }

    /** Completes when the event is committed. */
    public Uni<Void> record(AuditEvent event) {
        count(event);
        return enabled ? AsyncBridges.uni(writer.append(event)) : Uni.createFrom().voidItem();
    }

    /** Counts a refusal by its code ({@code exchange_refusals_total}); every refusal, written or not. */
    public void count(AuditEvent event) {
        if (event.code() != null) {
            refusals.computeIfAbsent(event.code(), code -> Counter.builder("exchange.refusals").tag("code", code)
                    .description("Requests refused or failed, by problem code").register(registry)).increment();
        }
    }

    /** Seals the event a push committed with its records (see {@link AuditWriter#seal}). */
    public void sealPushEvent(String chain, long id, AuditEvent event) {
        if (enabled) {
            writer.seal(chain, id, event);
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** The chain a push on the current event loop writes into its unsealed events. */
    public String chainHere() {
        return writer.chainHere();
    }
}
