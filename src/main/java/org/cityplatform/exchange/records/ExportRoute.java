package org.cityplatform.exchange.records;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import org.cityplatform.exchange.access.DataUse;
import org.cityplatform.exchange.access.ReadAccess;
import org.cityplatform.exchange.access.ReadScope;
import org.cityplatform.exchange.audit.AuditAction;
import org.cityplatform.exchange.audit.RequestAudit;
import org.cityplatform.exchange.audit.Requester;
import org.cityplatform.exchange.catalog.FieldDefinition;
import org.cityplatform.exchange.objections.OpenObjections;
import org.cityplatform.exchange.quota.Quotas;
import org.cityplatform.exchange.security.BearerAuthenticator;
import org.cityplatform.exchange.security.Caller;

/**
 * GET /api/v1/datasets/{code}/export: the whole dataset (or its changes since a cursor) as one
 * consistent snapshot. This route decides what the caller may export and claims its agency's
 * export slot; the stream itself, its bounds and its audit events are {@link ExportStreams}'s.
 * A plain Vert.x route, because only here can reading follow the client's pace.
 */
@Singleton
public class ExportRoute {

    private final BearerAuthenticator authenticator;
    private final ReadAccess access;
    private final RequestAudit requestAudit;
    private final OpenObjections objections;
    private final Quotas quotas;
    private final ExportStreams streams;

    ExportRoute(BearerAuthenticator authenticator, ReadAccess access, RequestAudit requestAudit,
                OpenObjections objections, Quotas quotas, ExportStreams streams) {
        this.authenticator = authenticator;
        this.access = access;
        this.requestAudit = requestAudit;
        this.objections = objections;
        this.quotas = quotas;
        this.streams = streams;
    }

    void install(@Observes Router router) {
        router.get("/api/v1/datasets/:code/export").order(-1000).handler(this::export);
    }

    private void export(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        ExportFormat format;
        ChangeCursor since;
        DataUse use;
        try {
            format = ExportFormat.fromAccept(ctx.request().getHeader("Accept"));
            use = DataUse.ofHeader(ctx.request().getHeader(DataUse.HEADER));
            String sinceText = ctx.request().getParam("since");
            since = sinceText == null || sinceText.isBlank() ? null : ChangeCursor.decode("since", sinceText);
            Requester.caseId(ctx.request());
        } catch (RuntimeException e) {
            requestAudit.refuse(ctx, AuditAction.EXPORT, code, null, null, e);
            return;
        }
        Caller[] caller = new Caller[1];
        Context context = Vertx.currentContext();
        authenticator.authenticate(ctx.request())
                .invoke(known -> caller[0] = known)
                .flatMap(known -> quotas.admit(known, admitted -> access.authorize(admitted, code, use)))
                // A slot only for an export that may run; taken last, so no refusal holds one.
                .flatMap(scope -> quotas.claimExport(caller[0]).map(slot -> new Admitted(scope, slot)))
                // The slot's Redis answer may arrive on another loop: the export runs on the request's.
                .emitOn(command -> context.runOnContext(v -> command.run()))
                .subscribe().with(admitted -> open(ctx, admitted, format, since,
                                requestAudit.requester(ctx.request(), caller[0])),
                        failure -> requestAudit.refuse(ctx, AuditAction.EXPORT, code, null, caller[0], failure));
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
