package org.cityplatform.exchange.problem;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.cityplatform.exchange.infra.RequestIds;

/** Writes a {@link ProblemAnswer} as the JAX-RS response of a REST endpoint. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(ProblemCode code, String detail, HttpServerRequest request) {
        return of(ProblemAnswer.of(code, detail, requestIdOf(request)));
    }

    /** 429 with Retry-After, and the same seconds as the {@code retryAfter} member the Vert.x routes send. */
    public static Response rateLimited(RateLimitedException e, HttpServerRequest request) {
        return of(ProblemAnswer.of(e, requestIdOf(request)));
    }

    public static Response of(ProblemAnswer answer) {
        Response.ResponseBuilder builder = Response.status(answer.status()).type(answer.mediaType())
                .entity(entityOf(answer));
        answer.headers().forEach(builder::header);
        return builder.build();
    }

    static String requestIdOf(HttpServerRequest request) {
        return request == null ? null : RequestIds.of(request);
    }

    // Response filters (audit's ManagementAudit) take the code from a Problem entity: only a body
    // with extension members, which the record cannot carry, goes out already encoded.
    private static Object entityOf(ProblemAnswer answer) {
        return answer.extensions().isEmpty() ? answer.problem() : answer.encodedBody();
    }
}
