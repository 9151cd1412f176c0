package org.cityplatform.exchange.audit;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Period;
import java.util.Optional;

/** The audit trail (docs/architecture.md, "The audit trail"). */
@ConfigMapping(prefix = "exchange.audit")
public interface AuditSettings {

    /**
     * Benchmark-only: switches the trail off so a benchmark can measure what it costs. Production
     * refuses to start with it (Art. 31: every read is recorded).
     */
    @WithDefault("false")
    boolean disabledForBenchmark();

    /** Events waiting for the writer; beyond it data requests fail closed with 503 AUDIT_UNAVAILABLE. */
    @WithDefault("20000")
    int queueCapacity();

    /**
     * Hash chains this instance writes in parallel, each at home on one event loop, up to one per
     * loop (see AuditWriter); one by default.
     */
    @WithDefault("1")
    int lanes();

    /** Statements of one chain pipelined at once; while they run, the next batch gathers. */
    @WithDefault("1")
    int statementsInFlight();

    /** Most events in one statement. */
    @WithDefault("1000")
    int maxBatch();

    /**
     * An instance whose chain showed no sign of life for this long is taken for stopped: its
     * unsealed push events are sealed into a live instance's chain.
     */
    @WithDefault("30s")
    Duration deadChainAfter();

    /** How long events are kept (whole months are dropped); absent: everything is kept. */
    Optional<Period> retention();

    /** The journal every event is made durable in before its request is answered. */
    Journal journal();

    interface Journal {

        /**
         * Where this instance's journal lives: storage that survives a restart of the process and
         * of its pod, one directory per instance (docs/OPERATIONS.md, "The audit journal").
         */
        @WithDefault("audit-journal")
        String dir();

        /** Beyond this many bytes not yet shipped, data requests fail closed with 503 AUDIT_UNAVAILABLE. */
        @WithDefault("1G")
        MemorySize maxSize();

        /**
         * Zero-fill and sync each next segment ahead of need, so that an fdatasync writes data
         * alone (decision 0010); off, segments grow as they are written.
         */
        @WithDefault("true")
        boolean preallocate();

        /** A segment file is closed and a new one begun beyond this size; shipped segments are deleted. */
        @WithDefault("64M")
        MemorySize segmentSize();

        /**
         * How long the journal waits before writing what arrived, so that more events share one
         * fdatasync: its CPU is paid per group. Adds at most this to an audited request's time.
         */
        @WithDefault("0ms")
        Duration commitDelay();

        /** Most events the shipper moves into PostgreSQL with one statement. */
        @WithDefault("5000")
        int shipBatch();

        /** How often the shipper looks for new events when it found none. */
        @WithDefault("100ms")
        Duration shipInterval();
    }
}
