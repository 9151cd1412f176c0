package org.cityplatform.exchange.problem;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.cityplatform.exchange.infra.RequestIds;

/** Problems for the plain Vert.x routes, identical in shape to those of the REST endpoints. */
public final class RouteProblems {

    private RouteProblems() {
    }

    public static void send(RoutingContext ctx, Throwable failure) {
        ProblemException problem = Failures.translate(failure, ctx.request().method().name(), ctx.request().path());
        if (problem == null) {
            sendJson(ctx, 500, JsonObject.mapFrom(Failures.internalError(RequestIds.of(ctx.request()))));
            return;
        }
        if (problem instanceof RateLimitedException limited) {
            ctx.response().putHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
            send(ctx, problem.code(), problem.detail(), Map.of("retryAfter", limited.retryAfterSeconds()));
            return;
        }
        send(ctx, problem.code(), problem.detail(), Map.of());
    }

    /** Sends a problem, with extension members (RFC 9457 section 3.2) when given. */
    public static void send(RoutingContext ctx, ProblemCode code, String detail, Map<String, ?> extensions) {
        JsonObject body = JsonObject.mapFrom(Problem.of(code, detail, RequestIds.of(ctx.request())));
        extensions.forEach(body::put);
        sendJson(ctx, code.status(), body);
    }

    private static void sendJson(RoutingContext ctx, int status, JsonObject body) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            // A stream already started: only an abort can tell the client it is incomplete.
            response.reset();
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.end(body.encode());
    }
}
