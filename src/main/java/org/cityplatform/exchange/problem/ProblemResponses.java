package org.cityplatform.exchange.problem;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.cityplatform.exchange.ops.RequestIds;

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
}
