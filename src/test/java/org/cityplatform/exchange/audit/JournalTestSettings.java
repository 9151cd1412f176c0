package org.cityplatform.exchange.audit;

import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.Optional;

/**
 * The audit settings of a journal built without Quarkus: its directory, sizes and whether it
 * preallocates (off unless asked: most tests count bytes as written), the rest at their defaults.
 */
record JournalTestSettings(Path root, long maxBytes, long segmentBytes, boolean preallocate)
        implements AuditSettings, AuditSettings.Journal {

    JournalTestSettings(Path root, long maxBytes, long segmentBytes) {
        this(root, maxBytes, segmentBytes, false);
    }

    @Override
    public boolean disabledForBenchmark() {
        return false;
    }

    @Override
    public int queueCapacity() {
        return 20_000;
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public int statementsInFlight() {
        return 1;
    }

    @Override
    public int maxBatch() {
        return 1000;
    }

    @Override
    public Duration deadChainAfter() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Optional<Period> retention() {
        return Optional.empty();
    }

    @Override
    public Journal journal() {
        return this;
    }

    @Override
    public String dir() {
        return root.toString();
    }

    @Override
    public MemorySize maxSize() {
        return new MemorySize(BigInteger.valueOf(maxBytes));
    }

    @Override
    public MemorySize segmentSize() {
        return new MemorySize(BigInteger.valueOf(segmentBytes));
    }

    @Override
    public Duration commitDelay() {
        return Duration.ZERO;
    }

    @Override
    public int shipBatch() {
        return 5000;
    }

    @Override
    public Duration shipInterval() {
        return Duration.ofMillis(100);
    }
}
