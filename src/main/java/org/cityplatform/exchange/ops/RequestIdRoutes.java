package org.cityplatform.exchange.ops;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.RouteProblems;
import org.jboss.logging.MDC;
import org.cityplatform.exchange.infra.RequestIds;

/**
 * Routes that wrap every request: the first assigns its request id, the last answers any path no
 * resource serves with a problem (the framework's default 404 is an HTML or text page).
 */
@Singleton
public class RequestIdRoutes {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String id = RequestIds.choose(ctx.request().getHeader(RequestIds.HEADER));
            ctx.response().putHeader(RequestIds.HEADER, id);
            MDC.put("requestId", id);
            ctx.next();
        });
        router.route().order(Integer.MAX_VALUE - 1).handler(ctx -> {
            if (ctx.response().ended() || ctx.response().headWritten()) {
                return;
            }
            RouteProblems.send(ctx, ProblemCode.NOT_FOUND, "no such resource: " + ctx.request().path(), Map.of());
        });
    }
}
