package org.cityplatform.exchange.records;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import org.cityplatform.exchange.access.DataUse;
import org.cityplatform.exchange.access.GrantScope;
import org.cityplatform.exchange.access.ReadScope;
import org.cityplatform.exchange.audit.AuditAction;
import org.cityplatform.exchange.audit.Requester;
import org.cityplatform.exchange.catalog.FieldDefinition;
import org.cityplatform.exchange.objections.OpenObjections;
import org.cityplatform.exchange.pipeline.DataRequest;
import org.cityplatform.exchange.pipeline.DataRequests;
import org.cityplatform.exchange.quota.Quotas;

/**
 * GET /api/v1/datasets/{code}/export: the whole dataset (or its changes since a cursor) as one
 * consistent snapshot. This route decides what the caller may export and claims its agency's
 * export slot; the stream itself, its bounds and its audit events are {@link ExportStreams}'s.
 * A plain Vert.x route, because only here can reading follow the client's pace.
 */
@Singleton
public class ExportRoute {

    private final DataRequests requests;
    private final OpenObjections objections;
    private final Quotas quotas;
    private final ExportStreams streams;

    ExportRoute(DataRequests requests, OpenObjections objections, Quotas quotas, ExportStreams streams) {
        this.requests = requests;
        this.objections = objections;
        this.quotas = quotas;
        this.streams = streams;
    }

    void install(@Observes Router router) {
        router.get("/api/v1/datasets/:code/export").order(-1000).handler(this::export);
    }

    private void export(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        DataRequest call = requests.onRoute(ctx.request(), AuditAction.EXPORT, code);
        ExportFormat format;
        ChangeCursor since;
        DataUse use;
        try {
            format = ExportFormat.fromAccept(ctx.request().getHeader("Accept"));
            use = DataUse.ofHeader(ctx.request().getHeader(DataUse.HEADER));
            String sinceText = ctx.request().getParam("since");
            since = sinceText == null || sinceText.isBlank() ? null : ChangeCursor.decode("since", sinceText);
        } catch (RuntimeException e) {
            call.refuse(ctx, e);
            return;
        }
        // A slot only for an export that may run; taken last, so no refusal holds one.
        call.onRequestLoop(call.authorize(use, GrantScope.EXPORT)
                        .flatMap(scope -> quotas.claimExport(call.caller()).map(slot -> new Admitted(scope, slot))))
                .onSuccess(admitted -> open(ctx, admitted, format, since, call.requester()))
                .onFailure(failure -> call.refuse(ctx, failure));
    }

    /** An export allowed to start: what the caller may read, and its hold on its agency's export quota. */
    private record Admitted(ReadScope scope, Quotas.Slot slot) {
    }

    private void open(RoutingContext ctx, Admitted admitted, ExportFormat format, ChangeCursor since, Requester requester) {
        ReadScope scope = admitted.scope();
        // However the response ends (completed, failed, client gone), the slot is given back.
        ctx.addEndHandler(v -> admitted.slot().release());
        List<String> fields = scope.dataset().fields().stream().map(FieldDefinition::name)
                .filter(scope.allowed().fields()::contains).toList();
        ExportQuery query = new ExportQuery(format, fields, scope.hiddenFields(), since,
                objections.jsonByKey(scope.dataset().code()));
        streams.open(ctx, scope.dataset(), query, requester, admitted.slot());
    }
}
