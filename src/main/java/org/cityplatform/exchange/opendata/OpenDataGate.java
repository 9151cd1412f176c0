package org.cityplatform.exchange.opendata;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.cityplatform.exchange.infra.ClientAddress;
import org.cityplatform.exchange.problem.RateLimitedException;
import org.cityplatform.exchange.problem.RouteProblems;

/**
 * Every request under /open/ takes a token of its address's request bucket before anything else
 * runs, so anonymous traffic is metered before it reaches the database or the audit trail.
 * Refusals here are not audited: they are exactly what a flood consists of.
 */
@Singleton
public class OpenDataGate {

    static final String ADDRESS = "openData.address";

    private final ClientLimits limits;
    private final OpenDataSettings settings;

    OpenDataGate(ClientLimits limits, OpenDataSettings settings) {
        this.limits = limits;
        this.settings = settings;
    }

    void install(@Observes Router router) {
        router.route("/open/*").order(-1100).handler(this::meter);
    }

    private void meter(RoutingContext ctx) {
        String address = ClientAddress.of(ctx.request(), settings.trustForwardedFor());
        long wait = limits.request(address);
        if (wait > 0) {
            RouteProblems.send(ctx, new RateLimitedException(wait, "at most " + settings.requestsPerMinute()
                    + " open data requests a minute per address"));
            return;
        }
        ctx.put(ADDRESS, address);
        ctx.next();
    }
}
