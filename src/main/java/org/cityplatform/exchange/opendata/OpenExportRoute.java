package org.cityplatform.exchange.opendata;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cityplatform.exchange.audit.AuditAction;
import org.cityplatform.exchange.identity.SubjectType;
import org.cityplatform.exchange.pipeline.DataRequest;
import org.cityplatform.exchange.pipeline.DataRequests;
import org.cityplatform.exchange.problem.RateLimitedException;
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

    private static final Future<Void> RELEASED = Future.succeededFuture();

    private final OpenDataService openData;
    private final ExportStreams streams;
    private final ClientLimits limits;
    private final DataRequests requests;
    private final OpenDataSettings settings;

    OpenExportRoute(OpenDataService openData, ExportStreams streams, ClientLimits limits, DataRequests requests,
                    OpenDataSettings settings) {
        this.openData = openData;
        this.streams = streams;
        this.limits = limits;
        this.requests = requests;
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
        DataRequest call = requests.anonymous(ctx.request(), AuditAction.EXPORT, code, address);
        String client = address;
        call.onRequestLoop(openData.export(code)).onSuccess(export -> {
            ClientLimits.Admission admission = limits.export(client);
            if (!admission.admitted()) {
                call.refuse(ctx, new RateLimitedException(admission.retryAfterSeconds(), admission.reason()));
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
            stream(ctx, export, call, release);
        }).onFailure(failure -> call.refuse(ctx, failure));
    }

    /*
     * The current records with only the published fields; in PERSON data a value holding an
     * identity number is withheld (Art. 25). Audited as an EXPORT of the anonymous requester like
     * every other export (Art. 31). {@code release} runs once the export has ended, however it ended.
     */
    private void stream(RoutingContext ctx, OpenDataService.Export export, DataRequest call, Runnable release) {
        ExportFormat format;
        try {
            format = ExportFormat.fromAccept(ctx.request().getHeader("Accept"));
        } catch (RuntimeException e) {
            release.run();
            call.refuse(ctx, e);
            return;
        }
        ExportQuery query = ExportQuery.published(format, export.fields(), export.keyed(),
                export.dataset().subjectType() == SubjectType.PERSON);
        streams.open(ctx, export.dataset(), query, call.requester(), () -> {
            release.run();
            return RELEASED;
        });
    }
}
