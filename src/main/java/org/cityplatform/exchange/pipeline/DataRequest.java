package org.cityplatform.exchange.pipeline;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import java.util.function.Supplier;
import org.cityplatform.exchange.access.DataUse;
import org.cityplatform.exchange.access.GrantScope;
import org.cityplatform.exchange.access.ReadScope;
import org.cityplatform.exchange.audit.AuditAction;
import org.cityplatform.exchange.audit.Requester;
import org.cityplatform.exchange.infra.AsyncBridges;
import org.cityplatform.exchange.problem.Failures;
import org.cityplatform.exchange.security.Caller;

/**
 * One data request on its way through the gateway's steps (docs/architecture.md, "A request's
 * path"): {@link #admit} authenticates and admits by the agency's quota, {@link #authorize} adds
 * AccessPolicy's decision for the dataset, {@link #audited} records the outcome before the caller
 * hears it (Art. 31), and {@link #refuse} answers a refused streaming request once its event is
 * recorded. What the audit event needs is learnt on the way and kept here: the caller once known,
 * the subject once in its canonical form. Routes keep only their own work.
 */
public final class DataRequest {

    private final DataRequests steps;
    private final HttpServerRequest http;
    private final AuditAction action;
    private final String dataset;
    private final Supplier<Uni<Caller>> authentication;
    private final Requester anonymous;
    private final Context context;
    private volatile Caller caller;
    private volatile String subject;

    DataRequest(DataRequests steps, HttpServerRequest http, AuditAction action, String dataset,
                Supplier<Uni<Caller>> authentication, Requester anonymous) {
        this.steps = steps;
        this.http = http;
        this.action = action;
        this.dataset = dataset;
        this.authentication = authentication;
        this.anonymous = anonymous;
        this.context = Vertx.currentContext();
    }

    /** The subject the request is about, as its audit event names it; the canonical key once known. */
    public DataRequest about(String subject) {
        this.subject = subject;
        return this;
    }

    /** The subject as last named: the key asked for, canonical once the dataset's key type is known. */
    public String subject() {
        return subject;
    }

    /** The authenticated caller; null before authentication and for anonymous requests. */
    public Caller caller() {
        return caller;
    }

    /** Who asked, as the trail records it: as authenticated, or as the token claims when refused. */
    public Requester requester() {
        return anonymous != null ? anonymous : steps.audit.requester(http, caller);
    }

    /**
     * Authenticates the caller and, once its request fits its agency's quota (else 429), goes on
     * with {@code then}. A malformed {@code X-Case-Id} is refused here, before any data is read.
     */
    public <T> Uni<T> admit(Function<Caller, Uni<T>> then) {
        return Uni.createFrom().deferred(() -> {
            Requester.caseId(http);
            return authentication.get();
        }).flatMap(known -> {
            caller = known;
            return known == null ? then.apply(null) : steps.quotas.admit(known, then);
        });
    }

    /**
     * Admitted, and allowed by AccessPolicy to read the request's dataset for this use and this kind
     * of read (its scope): what it may see.
     */
    public Uni<ReadScope> authorize(DataUse use, GrantScope scope) {
        return admit(admitted -> steps.access.authorize(admitted, dataset, use, scope));
    }

    /**
     * The work's answer once its event is recorded; its failure once the refusal's event is, with
     * the refusal's code. Whatever the work throws before it returns is audited the same way.
     */
    public <T> Uni<T> audited(Supplier<Uni<? extends T>> work, Function<T, Served> served) {
        return steps.audit.around(http, Uni.createFrom().deferred(work),
                item -> {
                    Served what = served.apply(item);
                    return requester().ok(action, dataset, subject, what.count(), what.from(), what.to())
                            .carrying(what.bulk());
                },
                code -> requester().failed(action, dataset, subject, code));
    }

    /** A step's outcome for the route, on the event loop the request arrived on. */
    public <T> Future<T> onRequestLoop(Uni<T> step) {
        return context == null ? AsyncBridges.future(step) : AsyncBridges.futureOn(context, step);
    }

    /**
     * Answers a request refused before its work started (a streaming push or export) with its
     * problem, once its event (DENIED with the refusal's code, Art. 31) is recorded.
     */
    public void refuse(RoutingContext ctx, Throwable failure) {
        steps.audit.refuse(ctx, requester().failed(action, dataset, subject, Failures.codeOf(failure)), failure);
    }
}
