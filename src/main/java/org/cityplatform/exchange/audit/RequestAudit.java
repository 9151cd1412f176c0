package org.cityplatform.exchange.audit;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import org.cityplatform.exchange.problem.Failures;
import org.cityplatform.exchange.problem.RouteProblems;
import org.cityplatform.exchange.security.BearerAuthenticator;
import org.cityplatform.exchange.security.Caller;

/** The audit side of data requests (push, lookup, export, changes, subject lookup): who asked, and refusals. */
@Singleton
public class RequestAudit {

    private final BearerAuthenticator authenticator;
    private final AuditTrail trail;

    RequestAudit(BearerAuthenticator authenticator, AuditTrail trail) {
        this.authenticator = authenticator;
        this.trail = trail;
    }

    /** The requester as authenticated, or as its token claims when authentication refused it. */
    public Requester requester(HttpServerRequest request, Caller known) {
        Caller caller = known != null ? known : authenticator.claimed(request);
        return Requester.of(request, caller == null ? null : caller.agency(), caller == null ? null : caller.sub());
    }

    /**
     * Answers a refused or failed request with its problem once its event (DENIED with the
     * refusal's code, Art. 31) is recorded; 503 AUDIT_UNAVAILABLE when it cannot be.
     */
    public void refuse(RoutingContext ctx, AuditAction action, String dataset, String subject, Caller known,
                       Throwable failure) {
        AuditEvent event = requester(ctx.request(), known).failed(action, dataset, subject, Failures.codeOf(failure));
        trail.record(event).subscribe().with(v -> send(ctx, failure), auditFailure -> send(ctx, auditFailure));
    }

    private static void send(RoutingContext ctx, Throwable failure) {
        // A body the client is still sending is not wanted: let it drain so the client reads the answer.
        ctx.request().resume();
        RouteProblems.send(ctx, failure);
    }
}
