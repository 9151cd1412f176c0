package org.cityplatform.exchange.problem;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.cityplatform.exchange.infra.RequestIds;

/** Writes a {@link ProblemAnswer} on a plain Vert.x route, identical to that of the REST endpoints. */
public final class RouteProblems {

    private RouteProblems() {
    }

    /** Answers a failure with the problem it stands for, or a 500 for a fault of ours. */
    public static void send(RoutingContext ctx, Throwable failure) {
        HttpServerRequest request = ctx.request();
        send(ctx, ProblemAnswer.forFailure(failure, request.method().name(), request.path(), RequestIds.of(request)));
    }

    /** Sends a problem, with extension members (RFC 9457 section 3.2) when given. */
    public static void send(RoutingContext ctx, ProblemCode code, String detail, Map<String, ?> extensions) {
        send(ctx, ProblemAnswer.of(code, detail, RequestIds.of(ctx.request()), extensions));
    }

    public static void send(RoutingContext ctx, ProblemAnswer answer) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            // A stream already started: only an abort can tell the client it is incomplete.
            response.reset();
            return;
        }
        response.setStatusCode(answer.status()).putHeader("Content-Type", answer.mediaType());
        answer.headers().forEach(response::putHeader);
        response.end(answer.encodedBody());
    }
}
