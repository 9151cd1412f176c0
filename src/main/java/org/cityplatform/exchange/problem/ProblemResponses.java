package org.cityplatform.exchange.problem;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.cityplatform.exchange.infra.RequestIds;

/** Builds the one response shape every error takes. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(ProblemCode code, String detail, HttpServerRequest request) {
        String requestId = request == null ? null : RequestIds.of(request);
        Response.ResponseBuilder builder = Response.status(code.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(code, detail, requestId));
        if (code == ProblemCode.UNAUTHENTICATED) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder.build();
    }

    /** 429 with Retry-After, and the same seconds as the {@code retryAfter} member the Vert.x routes send. */
    public static Response rateLimited(RateLimitedException e, HttpServerRequest request) {
        String requestId = request == null ? null : RequestIds.of(request);
        io.vertx.core.json.JsonObject body = io.vertx.core.json.JsonObject.mapFrom(Problem.of(e.code(), e.detail(), requestId))
                .put("retryAfter", e.retryAfterSeconds());
        return Response.status(e.code().status()).type(Problem.MEDIA_TYPE)
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .entity(body.encode()).build();
    }
}
