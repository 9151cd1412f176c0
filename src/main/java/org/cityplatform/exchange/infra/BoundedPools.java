package org.cityplatform.exchange.infra;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import java.util.ArrayList;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * Both PostgreSQL pools (the shared one, and the one of pushes) with a bound on waiting: without
 * it a request waits for a connection without limit, so an exhausted pool hangs every request
 * and the readiness check with them instead of failing them fast.
 */
public final class BoundedPools {

    public static final String PUSHES = "pushes";

    private BoundedPools() {
    }

    /** Creates a pool as configured, with the waiting bounds of {@link PoolSettings}. */
    abstract static class Creator implements PgPoolCreator {

        @Inject
        PoolSettings settings;

        @Override
        public Pool create(Input input) {
            PoolOptions options = new PoolOptions(input.poolOptions())
                    .setConnectionTimeout((int) settings.acquireTimeout().toMillis())
                    .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                    .setMaxWaitQueueSize(settings.maxWaiting());
            return PgBuilder.pool().with(options).connectingTo(new ArrayList<SqlConnectOptions>(input.pgConnectOptionsList()))
                    .using(input.vertx()).build();
        }
    }

    /** The pool of reads, management and the audit trail. */
    @Singleton
    static class Shared extends Creator {
    }

    /** The pool of pushes: a push holds its connection while its body streams, and never one of the reads. */
    @Singleton
    @ReactiveDataSource(PUSHES)
    static class Pushes extends Creator {
    }
}
