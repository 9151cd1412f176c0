package org.cityplatform.exchange.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.function.Function;
import org.cityplatform.exchange.problem.Failures;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.RouteProblems;
import org.cityplatform.exchange.security.AnonymousRefusals;
import org.cityplatform.exchange.security.BearerAuthenticator;
import org.cityplatform.exchange.security.Caller;

/**
 * The audit side of data requests (push, lookup, export, changes, subject lookup, open data): who
 * asked, and how refusals are recorded. Requests reach it through {@code pipeline/DataRequest}.
 */
@Singleton
public class RequestAudit {

    private final BearerAuthenticator authenticator;
    private final AuditTrail trail;
    private final AnonymousRefusals anonymous;

    RequestAudit(BearerAuthenticator authenticator, AuditTrail trail, AnonymousRefusals anonymous) {
        this.authenticator = authenticator;
        this.trail = trail;
        this.anonymous = anonymous;
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
    public void refuse(RoutingContext ctx, AuditEvent event, Throwable failure) {
        record(ctx.request(), event).subscribe().with(v -> send(ctx, failure), auditFailure -> send(ctx, auditFailure));
    }

    /**
     * The work's item once its event is recorded (Art. 31), or its failure once the refusal's
     * event is, except that unauthenticated refusals are written only
     * as far as {@link AnonymousRefusals} allows for the client's address (and always counted).
     */
    public <T> Uni<T> around(HttpServerRequest request, Uni<T> work, Function<T, AuditEvent> succeeded,
                             Function<ProblemCode, AuditEvent> failed) {
        return work.onItemOrFailure().transformToUni((item, failure) -> {
            if (failure == null) {
                return trail.record(succeeded.apply(item)).replaceWith(item);
            }
            return record(request, failed.apply(Failures.codeOf(failure)))
                    .onItem().<T>transformToUni(v -> Uni.createFrom().failure(failure));
        });
    }

    /**
     * Records the event of a data request. A refusal without a verified token (401) proves nothing
     * about who asked and reads nothing: anyone can send them, so only a bounded number per client
     * address is written; every one is counted by code.
     */
    private Uni<Void> record(HttpServerRequest request, AuditEvent event) {
        if (ProblemCode.UNAUTHENTICATED.name().equals(event.code()) && !anonymous.admit(request)) {
            trail.count(event);
            return Uni.createFrom().voidItem();
        }
        return trail.record(event);
    }

    private static void send(RoutingContext ctx, Throwable failure) {
        // A body the client is still sending is not wanted: let it drain so the client reads the answer.
        ctx.request().resume();
        RouteProblems.send(ctx, failure);
    }
}
