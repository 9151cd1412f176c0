package org.cityplatform.exchange.infra;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Bounds of a graceful shutdown (docs/OPERATIONS.md, "Graceful shutdown"). Their sum with
 * {@code quarkus.shutdown.delay} must stay below the time the platform waits before SIGKILL.
 */
@ConfigMapping(prefix = "exchange.shutdown")
public interface ShutdownSettings {

    /**
     * How long pushes in flight when draining starts may go on sending their body. A push still
     * streaming then is ended visibly: its committed batches stay, its answer says through which
     * line (503 UNAVAILABLE with {@code storedThroughLine}).
     */
    @WithDefault("20s")
    Duration pushDrain();

    /** How long the audit writer's queue may take to empty before the process exits anyway. */
    @WithDefault("5s")
    Duration auditFlush();
}
