package org.cityplatform.exchange.opendata;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cityplatform.exchange.audit.AuditAction;
import org.cityplatform.exchange.audit.AuditTrail;
import org.cityplatform.exchange.audit.Requester;
import org.cityplatform.exchange.identity.SubjectType;
import org.cityplatform.exchange.infra.RequestIds;
import org.cityplatform.exchange.problem.Failures;
import org.cityplatform.exchange.problem.RateLimitedException;
import org.cityplatform.exchange.problem.RouteProblems;
import org.cityplatform.exchange.records.ExportFormat;
import org.cityplatform.exchange.records.ExportQuery;
import org.cityplatform.exchange.records.ExportStreams;
import org.cityplatform.exchange.infra.ClientAddress;

/**
 * GET /open/v1/datasets/{code}/export: an open dataset's current records with only the published
 * fields, for anyone (Art. 23, 25). The streaming itself is the records export's
 * ({@link ExportStreams}); this route adds the anonymous caller, the per-address export limits,
 * the check that the data is open now and the query of its published fields.
 */
@Singleton
public class OpenExportRoute {

    private static final CompletionStage<Void> RELEASED = CompletableFuture.completedStage(null);

    private final OpenDataService openData;
    private final ExportStreams streams;
    private final ClientLimits limits;
    private final AuditTrail audit;
    private final OpenDataSettings settings;

    OpenExportRoute(OpenDataService openData, ExportStreams streams, ClientLimits limits, AuditTrail audit,
                    OpenDataSettings settings) {
        this.openData = openData;
        this.streams = streams;
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
                        .subscribe().with(v -> RouteProblems.send(ctx,
                                        new RateLimitedException(admission.retryAfterSeconds(), admission.reason())),
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
            stream(ctx, export, requester, release);
        }, failure -> audit.record(requester.failed(AuditAction.EXPORT, code, null, Failures.codeOf(failure)))
                .subscribe().with(v -> RouteProblems.send(ctx, failure), e -> RouteProblems.send(ctx, e)));
    }

    /*
     * The current records with only the published fields; in PERSON data a value holding an
     * identity number is withheld (Art. 25). Audited as an EXPORT of the anonymous requester like
     * every other export (Art. 31). {@code release} runs once the export has ended, however it ended.
     */
    private void stream(RoutingContext ctx, OpenDataService.Export export, Requester requester, Runnable release) {
        ExportFormat format;
        try {
            format = ExportFormat.fromAccept(ctx.request().getHeader("Accept"));
        } catch (RuntimeException e) {
            release.run();
            audit.record(requester.failed(AuditAction.EXPORT, export.dataset().code(), null, Failures.codeOf(e)))
                    .subscribe().with(v -> RouteProblems.send(ctx, e), auditFailure -> RouteProblems.send(ctx, auditFailure));
            return;
        }
        ExportQuery query = ExportQuery.published(format, export.fields(), export.keyed(),
                export.dataset().subjectType() == SubjectType.PERSON);
        streams.open(ctx, export.dataset(), query, requester, () -> {
            release.run();
            return RELEASED;
        });
    }
}
