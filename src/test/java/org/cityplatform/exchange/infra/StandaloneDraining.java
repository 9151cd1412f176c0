package org.cityplatform.exchange.infra;

import io.vertx.core.Vertx;
import java.time.Duration;

/** A shutdown of its own for a test of one stream: the application's would end every test's streams. */
public final class StandaloneDraining {

    private StandaloneDraining() {
    }

    /** Draining on {@code vertx}, whose pushes may go on for {@code pushDrain} once it starts. */
    public static Draining on(Vertx vertx, Duration pushDrain) {
        return new Draining(vertx, new ShutdownSettings() {
            @Override
            public Duration pushDrain() {
                return pushDrain;
            }

            @Override
            public Duration auditFlush() {
                return Duration.ZERO;
            }
        });
    }
}
