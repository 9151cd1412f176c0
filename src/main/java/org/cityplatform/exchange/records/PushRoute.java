package org.cityplatform.exchange.records;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.vertx.core.Future;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import org.cityplatform.exchange.catalog.CatalogDirectory;
import org.cityplatform.exchange.infra.BoundedPools;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.infra.Draining;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.audit.AuditAction;
import org.cityplatform.exchange.audit.AuditTrail;
import org.cityplatform.exchange.audit.Requester;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.problem.RouteProblems;
import org.cityplatform.exchange.pipeline.DataRequest;
import org.cityplatform.exchange.pipeline.DataRequests;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * POST /api/v1/datasets/{code}/records: a provider pushes its records (Art. 11, 13). A plain Vert.x
 * route, because Quarkus REST buffers request bodies (and caps them at 10 MB) while a push must
 * stream any size with flat memory.
 */
@Singleton
public class PushRoute {

    private static final long RETRY_AFTER_SECONDS = 5;

    private final DataRequests requests;
    private final CatalogDirectory catalog;
    private final ItemParsers parsers;
    private final Pool pool;
    private final PushSettings settings;
    private final RecordMetrics metrics;
    private final RecordCache cache;
    private final AuditTrail audit;
    private final Clock clock;

    @Inject
    Draining draining;

    private final PushSlots slots;

    PushRoute(DataRequests requests, CatalogDirectory catalog, ItemParsers parsers,
              @ReactiveDataSource(BoundedPools.PUSHES) io.vertx.mutiny.sqlclient.Pool pool, PushSettings settings,
              RecordMetrics metrics, RecordCache cache, AuditTrail audit, PushSlots slots, Clock clock) {
        this.slots = slots;
        this.clock = clock;
        this.cache = cache;
        this.audit = audit;
        this.requests = requests;
        this.catalog = catalog;
        this.parsers = parsers;
        this.pool = pool.getDelegate();
        this.settings = settings;
        this.metrics = metrics;
    }

    void install(@Observes Router router) {
        router.post("/api/v1/datasets/:code/records").order(-1000).handler(this::push);
    }

    private void push(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.pause();
        String code = ctx.pathParam("code");
        DataRequest call = requests.onRoute(request, AuditAction.PUSH, code);
        PushFormat format;
        PushMode mode;
        try {
            format = PushFormat.of(request.getHeader("Content-Type"));
            PushBody.gzip(request.getHeader("Content-Encoding"));
            mode = PushMode.of(request.getParam("mode"));
        } catch (RuntimeException e) {
            refuse(ctx, call, e);
            return;
        }
        Context context = Vertx.currentContext();
        call.onRequestLoop(call.admit(known -> catalog.require(code))
                        .map(dataset -> new Admitted(mayPush(call.caller(), dataset, CityDays.today(clock)), slots.take(call.caller().agency()))))
                .onSuccess(admitted -> begin(ctx, context, admitted.dataset(), format, mode, call.requester(),
                        admitted.slot()))
                .onFailure(failure -> refuse(ctx, call, failure));
    }

    /** A push allowed to start: its dataset, and its place among its agency's open pushes. */
    private record Admitted(CatalogEntry dataset, Runnable slot) {
    }

    /**
     * Art. 11, 12: only a dataset's own provider pushes its records, and only while it is in force:
     * classified, and not retired (a RETIRING one still takes pushes, Art. 3, 33).
     */
    private static CatalogEntry mayPush(Caller caller, CatalogEntry dataset, LocalDate today) {
        if (!caller.is(Role.AGENCY) || !dataset.provider().equals(caller.agency())) {
            throw new ProblemException(ProblemCode.NOT_PROVIDER, "only the provider " + dataset.provider()
                    + " pushes records of dataset " + dataset.code());
        }
        if (dataset.retiredOn(today)) {
            throw new ProblemException(ProblemCode.DATASET_NOT_ACTIVE,
                    "dataset " + dataset.code() + " was retired on " + dataset.retiresOn() + " and takes no pushes");
        }
        if (!dataset.isActive()) {
            throw new ProblemException(ProblemCode.DATASET_NOT_ACTIVE,
                    "dataset " + dataset.code() + " waits for the center's classification");
        }
        return dataset;
    }

    private void begin(RoutingContext ctx, Context context, CatalogEntry dataset, PushFormat format, PushMode mode,
                       Requester requester, Runnable slot) {
        ItemParser parser = parsers.forDataset(dataset);
        PushAudit pushAudit = new PushAudit(audit, requester, dataset.code());
        boolean atomic = mode == PushMode.ATOMIC;
        pool.getConnection().onFailure(e -> refuse(ctx, slot, e)).onSuccess(conn -> {
            Future<?> staging = atomic ? conn.query(PushBatch.STAGE_CREATE).execute() : Future.succeededFuture();
            // Every change of this push commits in a transaction that starts after this point, so the
            // feed from this cursor includes all of them.
            staging.compose(created -> conn.query(RecordStore.WATERMARK).execute()).onFailure(e -> {
                conn.close();
                refuse(ctx, slot, e);
            }).onSuccess(rows -> {
                ChangeCursor cursor = ChangeCursor.before(Long.parseLong(rows.iterator().next().getString(0)));
                context.runOnContext(v -> new PushSession(ctx, context, conn, atomic, dataset, parser, format, settings,
                        metrics, cache, pushAudit, slot).drainedBy(draining).start(cursor));
            });
        });
    }

    /** A push refused before it started: its event (DENIED with the refusal's code, Art. 31) first. */
    private static void refuse(RoutingContext ctx, DataRequest call, Throwable failure) {
        closeIfBodyAwaitsContinue(ctx);
        call.refuse(ctx, failure);
    }

    /*
     * The push pool or the database failed before the push could start: nothing was stored, there
     * is nothing to audit. Most often every push connection is held: the client retries later.
     */
    private static void refuse(RoutingContext ctx, Runnable slot, Throwable failure) {
        slot.run();
        closeIfBodyAwaitsContinue(ctx);
        ctx.response().putHeader("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
        // The body is not wanted: let it drain so the client can read the answer.
        ctx.request().resume();
        RouteProblems.send(ctx, failure);
    }

    // A client waiting for 100 Continue sends its body only when told to: a refusal ends the connection.
    private static void closeIfBodyAwaitsContinue(RoutingContext ctx) {
        if ("100-continue".equalsIgnoreCase(ctx.request().getHeader("Expect"))) {
            ctx.response().putHeader("Connection", "close");
        }
    }
}
