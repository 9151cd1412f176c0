package org.cityplatform.exchange.opendata;

import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.RouteProblems;

/** 429 RATE_LIMITED with the Retry-After a client needs to back off properly (RFC 9110, 10.2.3). */
final class RateLimitedProblem {

    private RateLimitedProblem() {
    }

    static void send(RoutingContext ctx, long retryAfterSeconds, String detail) {
        ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
        RouteProblems.send(ctx, ProblemCode.RATE_LIMITED, detail + "; retry after " + retryAfterSeconds + " s",
                Map.of("retryAfter", retryAfterSeconds));
    }
}
