package org.cityplatform.exchange.ops;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.RouteProblems;
import org.cityplatform.exchange.infra.Draining;

/**
 * Refuses new API requests once draining, before any route sees them. Quarkus' own graceful
 * shutdown only marks responses {@code Connection: close} and waits for requests in flight; it
 * lets new ones through, including those of the plain Vert.x push, lookup and export routes.
 * Health and metrics (/q) stay served.
 */
@Singleton
public class DrainingGate {

    private final Draining draining;

    DrainingGate(Draining draining) {
        this.draining = draining;
    }

    void install(@Observes Router router) {
        // Before the data routes (-1000), after the request id (Integer.MIN_VALUE).
        router.route("/api/*").order(-2000).handler(ctx -> {
            if (!draining.refusesNew()) {
                ctx.next();
                return;
            }
            // The body is not read: the connection is closed after the answer.
            ctx.response().putHeader("Connection", "close");
            RouteProblems.send(ctx, ProblemCode.UNAVAILABLE,
                    "this instance is shutting down: send the request again (another instance takes it)", Map.of());
        });
    }
}
