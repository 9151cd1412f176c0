package org.cityplatform.exchange.problem;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.cityplatform.exchange.identity.InvalidKeyException;
import org.cityplatform.exchange.ops.RequestIds;
import org.jboss.logging.Logger;

/** Problems for the plain Vert.x routes, identical in shape to those of the REST endpoints. */
public final class RouteProblems {

    private static final Logger LOG = Logger.getLogger(RouteProblems.class);

    private RouteProblems() {
    }

    /** The problem a failure stands for; unknown failures are logged and answered as internal errors. */
    public static ProblemException translate(Throwable failure, RoutingContext ctx) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof ProblemException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ProblemException p) {
            return p;
        }
        if (cause instanceof InvalidKeyException k) {
            return new ProblemException(ProblemCode.INVALID_KEY, k.getMessage());
        }
        ProblemException database = DatabaseFailures.classify(cause);
        if (database != null) {
            LOG.errorf("database failure on %s %s: %s", ctx.request().method(), ctx.request().path(), cause);
            return database;
        }
        LOG.errorf(failure, "unexpected failure on %s %s", ctx.request().method(), ctx.request().path());
        return null;
    }

    public static void send(RoutingContext ctx, Throwable failure) {
        ProblemException problem = translate(failure, ctx);
        if (problem == null) {
            sendJson(ctx, 500, new JsonObject(Json.encode(new Problem("urn:cityplatform:exchange:problem:internal-error",
                    "Internal error", 500, "the gateway failed unexpectedly; the request id identifies it in the logs",
                    "INTERNAL_ERROR", RequestIds.of(ctx.request())))));
            return;
        }
        send(ctx, problem.code(), problem.detail(), Map.of());
    }

    /** Sends a problem, with extension members (RFC 9457 section 3.2) when given. */
    public static void send(RoutingContext ctx, ProblemCode code, String detail, Map<String, ?> extensions) {
        JsonObject body = new JsonObject(Json.encode(Problem.of(code, detail, RequestIds.of(ctx.request()))));
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
