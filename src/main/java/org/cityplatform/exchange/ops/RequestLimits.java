package org.cityplatform.exchange.ops;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.RouteProblems;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Headers and bodies too large are answered with problems, like every other refusal; the HTTP
 * server's and Quarkus's own answers to them have empty bodies.
 *
 * <p>Headers: the HTTP codec answers headers beyond {@code quarkus.http.limits.max-header-size}
 * with a bare 431 before any route runs, and Quarkus offers no hook there (it never sets the
 * server's invalid request handler). So that limit is the hard ceiling that bounds the memory a
 * connection may hold, set above the gateway's own, {@code exchange.http.max-header-size}, which
 * is checked here and answered with 431 HEADERS_TOO_LARGE. Only headers beyond the ceiling get the
 * bare answer.
 *
 * <p>Bodies: Quarkus refuses a declared length beyond {@code quarkus.http.limits.max-body-size}
 * with a bare 413 (its route at order -2); this route, just before it, refuses the same requests
 * with 413 PAYLOAD_TOO_LARGE. The data routes (push) come earlier and keep their own rules. A
 * body sent without a declared length (chunked) that outgrows the limit is still refused with
 * Quarkus REST's bare 413: its body reader writes that answer itself, past every mapper.
 */
@Singleton
public class RequestLimits {

    /** Quarkus's route that enforces max-body-size (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT). */
    static final int QUARKUS_UPLOAD_LIMIT_ORDER = -2;

    private final long maxHeaderBytes;
    private final Optional<MemorySize> maxBodySize;

    RequestLimits(@ConfigProperty(name = "exchange.http.max-header-size", defaultValue = "20K") MemorySize maxHeaderSize,
                  @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.maxHeaderBytes = maxHeaderSize.asLongValue();
        this.maxBodySize = maxBodySize;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::headers);
        if (maxBodySize.isPresent()) {
            router.route().order(QUARKUS_UPLOAD_LIMIT_ORDER - 1).handler(this::body);
        }
    }

    private void headers(RoutingContext ctx) {
        long bytes = 0;
        for (Map.Entry<String, String> header : ctx.request().headers()) {
            // As on the wire: "name: value" and its line end.
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (bytes > maxHeaderBytes) {
            refuse(ctx, ProblemCode.HEADERS_TOO_LARGE, "the request's headers are " + bytes + " bytes; at most "
                    + maxHeaderBytes + " are read");
            return;
        }
        ctx.next();
    }

    private void body(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                refuse(ctx, ProblemCode.INVALID_REQUEST, "Content-Length is not a number of bytes");
                return;
            }
            long limit = maxBodySize.get().asLongValue();
            if (length > limit) {
                refuse(ctx, ProblemCode.PAYLOAD_TOO_LARGE, "the body is " + length + " bytes; at most " + limit
                        + " are read here");
                return;
            }
        }
        ctx.next();
    }

    /** Answers and closes: the rest of what the client sends is not read. */
    private static void refuse(RoutingContext ctx, ProblemCode code, String detail) {
        HttpServerRequest request = ctx.request();
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        ctx.response().endHandler(v -> request.connection().close());
        RouteProblems.send(ctx, code, detail, Map.of());
    }
}
