package org.cityplatform.exchange.records;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.cityplatform.exchange.access.DataUse;
import org.cityplatform.exchange.access.GrantScope;
import org.cityplatform.exchange.audit.AuditAction;
import org.cityplatform.exchange.identity.SubjectKeys;
import org.cityplatform.exchange.objections.OpenObjections;
import org.cityplatform.exchange.pipeline.DataRequest;
import org.cityplatform.exchange.pipeline.DataRequests;
import org.cityplatform.exchange.pipeline.Served;
import org.cityplatform.exchange.problem.RouteProblems;

/**
 * GET /api/v1/datasets/{code}/records/{key}: the gateway's most frequent request (real-time key
 * lookups, credit checks, Art. 26), served by a plain Vert.x route: a REST resource would add the
 * framework's per-request machinery (security interceptors, request scope, context propagation)
 * to every lookup. Every lookup, answered or refused, is an audit event with the key asked for
 * (Art. 31); refusals without a verified token, as many as the client's address is allowed.
 */
@Singleton
public class LookupRoute {

    private final DataRequests requests;
    private final RecordLookup lookup;
    private final OpenObjections objections;

    LookupRoute(DataRequests requests, RecordLookup lookup, OpenObjections objections) {
        this.requests = requests;
        this.lookup = lookup;
        this.objections = objections;
    }

    void install(@Observes Router router) {
        router.get("/api/v1/datasets/:code/records/:key").order(-1000).handler(this::lookup);
    }

    private void lookup(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        String key = ctx.pathParam("key");
        DataRequest call = requests.onRoute(ctx.request(), AuditAction.READ, code).about(key);
        call.onRequestLoop(call.audited(() -> {
                    DataUse use = DataUse.ofHeader(ctx.request().getHeader(DataUse.HEADER));
                    return call.authorize(use, GrantScope.LOOKUP).flatMap(scope -> {
                        call.about(SubjectKeys.canonical(scope.dataset().subjectType(), key));
                        return lookup.body(scope, key);
                    });
                }, body -> Served.ONE_RECORD))
                .onSuccess(body -> ctx.response().putHeader("Content-Type", "application/json")
                        .end(objections.marked(code, call.subject(), body)))
                .onFailure(failure -> RouteProblems.send(ctx, failure));
    }
}
