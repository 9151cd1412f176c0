package org.cityplatform.exchange.infra;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * The one place where the gateway's two async idioms meet. Routes, stores and the streaming
 * engines (push, export, the audit writer) run on Vert.x futures, on the event loop that owns
 * their connection; resources, services and directories compose Mutiny {@link Uni}s. Crossing
 * from one to the other happens here and nowhere else (LayeringTest keeps it so).
 */
public final class AsyncBridges {

    private AsyncBridges() {
    }

    /** A service's answer, for a route or an engine. */
    public static <T> Future<T> future(Uni<T> work) {
        return UniHelper.toFuture(work);
    }

    /** A store's or an engine's answer, for a service. */
    public static <T> Uni<T> uni(Future<T> work) {
        return UniHelper.toUni(work);
    }

    /**
     * A service's answer for a route, delivered on the route's context: a Redis or database answer
     * may arrive on another event loop, and a route goes on where its request and connection live.
     */
    public static <T> Future<T> futureOn(Context context, Uni<T> work) {
        Promise<T> promise = Promise.promise();
        work.subscribe().with(
                item -> on(context, () -> promise.complete(item)),
                failure -> on(context, () -> promise.fail(failure)));
        return promise.future();
    }

    private static void on(Context context, Runnable step) {
        if (Vertx.currentContext() == context) {
            step.run();
        } else {
            context.runOnContext(v -> step.run());
        }
    }
}
