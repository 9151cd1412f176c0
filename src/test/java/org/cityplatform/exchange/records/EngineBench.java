package org.cityplatform.exchange.records;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.catalog.DatasetStatus;
import org.cityplatform.exchange.catalog.FieldDefinition;
import org.cityplatform.exchange.catalog.FieldType;
import org.cityplatform.exchange.catalog.SharingClass;
import org.cityplatform.exchange.identity.SubjectType;
import org.cityplatform.exchange.support.TestCodes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What a test of a streaming engine runs it on, without HTTP: a Vert.x of its own with one event
 * loop context standing for the request's, a pool of its own on the test's database, a dataset
 * of its own, and counts of what the engine gives back (connections closed, transactions ended).
 */
final class EngineBench implements AutoCloseable {

    static final List<FieldDefinition> FIELDS = List.of(new FieldDefinition("note", FieldType.STRING, false, false,
            null, "a note"));

    final Vertx vertx = Vertx.vertx();
    final Context loop = vertx.getOrCreateContext();
    final Pool pool;
    final RecordMetrics metrics = new RecordMetrics(new SimpleMeterRegistry());
    /** Calls of the watched methods of connections and transactions, by name ("close", "commit", "rollback"). */
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    EngineBench() {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.url", String.class);
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
                .connectingTo(PgConnectOptions.fromUri(url).setUser("postgres")).using(vertx).build();
    }

    /** A fresh ACTIVE OBJECT dataset of a fresh provider, with one optional text field. */
    CatalogEntry dataset() {
        String provider = TestCodes.creditCode();
        String code = TestCodes.datasetCode("engine");
        int id = awaitResult(() -> pool.preparedQuery("INSERT INTO agencies (code, name, kind, status, registered_at,"
                        + " registered_by) VALUES ($1, $2, 'ADMINISTRATIVE', 'ACTIVE', now(), 'test')")
                .execute(Tuple.of(provider, "provider " + provider))
                .compose(v -> pool.preparedQuery("INSERT INTO datasets (code, name, provider, subject_type, sharing_class,"
                                + " update_cycle, status, schema, registered_at, registered_by) VALUES ($1, $1, $2,"
                                + " 'OBJECT', 'CONDITIONAL', 'DAILY', 'ACTIVE', '{\"fields\":[{\"name\":\"note\","
                                + "\"type\":\"STRING\"}]}', now(), 'test') RETURNING id")
                        .execute(Tuple.of(code, provider)))
                .map(rows -> rows.iterator().next().getInteger(0)));
        return new CatalogEntry(id, code, provider, SubjectType.OBJECT, SharingClass.CONDITIONAL, DatasetStatus.ACTIVE,
                FIELDS, 0);
    }

    /** {@code count} records of the dataset, each with a note long enough that a few hundred fill a chunk. */
    void records(CatalogEntry dataset, int count) {
        awaitResult(() -> pool.preparedQuery("INSERT INTO records (dataset_id, key, data, version, updated_at)"
                        + " SELECT $1, 'OBJ-' || g, jsonb_build_object('note', repeat('x', 200)), 1, now()"
                        + " FROM generate_series(1, $2) g")
                .execute(Tuple.of(dataset.id(), count)));
    }

    long storedRecords(CatalogEntry dataset) {
        return awaitResult(() -> pool.preparedQuery("SELECT count(*) FROM records WHERE dataset_id = $1")
                .execute(Tuple.of(dataset.id())).map(rows -> rows.iterator().next().getLong(0)));
    }

    /** A connection taken on the loop, as a route takes it; its close is counted. */
    SqlConnection connection() {
        return watched(SqlConnection.class, awaitResult(pool::getConnection), Set.of("close"));
    }

    /** A transaction whose commit and rollback are counted. */
    Transaction watchedTransaction(Transaction tx) {
        return watched(Transaction.class, tx, Set.of("commit", "rollback"));
    }

    int calls(String method) {
        return calls.computeIfAbsent(method, m -> new AtomicInteger()).get();
    }

    @SuppressWarnings("unchecked")
    private <T> T watched(Class<T> type, T target, Set<String> counted) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (counted.contains(method.getName())) {
                calls.computeIfAbsent(method.getName(), m -> new AtomicInteger()).incrementAndGet();
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /** Runs {@code step} on the loop and waits until it ran. */
    void onLoop(Runnable step) {
        CompletableFuture<Void> ran = new CompletableFuture<>();
        loop.runOnContext(v -> {
            try {
                step.run();
                ran.complete(null);
            } catch (Throwable e) {
                ran.completeExceptionally(e);
            }
        });
        join(ran);
    }

    /** What {@code work} completes with, started on the loop. */
    <T> T awaitResult(Supplier<Future<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.runOnContext(v -> work.get().onComplete(ar -> {
            if (ar.succeeded()) {
                result.complete(ar.result());
            } else {
                result.completeExceptionally(ar.cause());
            }
        }));
        return join(result);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code condition} holds, for at most {@code within}. */
    static void eventually(Duration within, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Lets the loop and the database run for a while, for a test that asserts that nothing more happens. */
    static void quietFor(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        pool.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
