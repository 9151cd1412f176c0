package org.cityplatform.exchange.records;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Bounds of a running export: it holds a database connection and a snapshot while it streams. */
@ConfigMapping(prefix = "exchange.export")
public interface ExportSettings {

    /** A client that reads nothing for this long while the gateway waits to write is cut off. */
    @WithDefault("60s")
    Duration stallTimeout();

    /** Exports streaming at once on an instance; keep it well below the shared pool's size. */
    @WithDefault("12")
    int maxConcurrent();

    /** An export still streaming after this long is cut off, however steadily its client reads. */
    @WithDefault("2h")
    Duration maxDuration();
}
