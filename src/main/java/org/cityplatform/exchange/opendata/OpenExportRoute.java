package org.cityplatform.exchange.opendata;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cityplatform.exchange.audit.AuditAction;
import org.cityplatform.exchange.audit.AuditTrail;
import org.cityplatform.exchange.audit.Requester;
import org.cityplatform.exchange.infra.RequestIds;
import org.cityplatform.exchange.problem.Failures;
import org.cityplatform.exchange.problem.RouteProblems;
import org.cityplatform.exchange.records.ExportRoute;
import org.cityplatform.exchange.infra.ClientAddress;

/**
 * GET /open/v1/datasets/{code}/export: an open dataset's current records with only the published
 * fields, for anyone (Art. 23, 25). The streaming itself is the records export's; this route adds
 * the anonymous caller, the per-address export limits and the check that the data is open now.
 */
@Singleton
public class OpenExportRoute {

    private final OpenDataService openData;
    private final ExportRoute exports;
    private final ClientLimits limits;
    private final AuditTrail audit;
    private final OpenDataSettings settings;

    OpenExportRoute(OpenDataService openData, ExportRoute exports, ClientLimits limits, AuditTrail audit,
                    OpenDataSettings settings) {
        this.openData = openData;
        this.exports = exports;
        this.limits = limits;
        this.audit = audit;
        this.settings = settings;
    }

    void install(@Observes Router router) {
        router.get("/open/v1/datasets/:code/export").order(-1000).handler(this::export);
    }

    private void export(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        String address = ctx.get(OpenDataGate.ADDRESS);
        if (address == null) {
            address = ClientAddress.of(ctx.request(), settings.trustForwardedFor());
        }
        // Anonymous, yet traceable to an address in the trail like any other export (Art. 31).
        Requester requester = new Requester(null, "anonymous:" + address, RequestIds.of(ctx.request()), null);
        String client = address;
        openData.export(code).subscribe().with(export -> {
            ClientLimits.Admission admission = limits.export(client);
            if (!admission.admitted()) {
                audit.record(requester.failed(AuditAction.EXPORT, code, null,
                                org.cityplatform.exchange.problem.ProblemCode.RATE_LIMITED))
                        .subscribe().with(v -> RateLimitedProblem.send(ctx, admission.retryAfterSeconds(), admission.reason()),
                                e -> RouteProblems.send(ctx, e));
                return;
            }
            AtomicBoolean released = new AtomicBoolean();
            Runnable release = () -> {
                if (released.compareAndSet(false, true)) {
                    admission.release().run();
                }
            };
            // Whatever way the response ends, the slot is given back; the export also says when it ended.
            ctx.addEndHandler(v -> release.run());
            exports.exportPublished(ctx, export.dataset(), export.fields(), export.keyed(), requester, release);
        }, failure -> audit.record(requester.failed(AuditAction.EXPORT, code, null, Failures.codeOf(failure)))
                .subscribe().with(v -> RouteProblems.send(ctx, failure), e -> RouteProblems.send(ctx, e)));
    }
}
