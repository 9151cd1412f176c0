package org.cityplatform.exchange.pipeline;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.util.function.Supplier;
import org.cityplatform.exchange.access.ReadAccess;
import org.cityplatform.exchange.audit.AuditAction;
import org.cityplatform.exchange.audit.RequestAudit;
import org.cityplatform.exchange.audit.Requester;
import org.cityplatform.exchange.infra.RequestIds;
import org.cityplatform.exchange.quota.Quotas;
import org.cityplatform.exchange.security.BearerAuthenticator;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Callers;

/**
 * Where every data request (lookup, push, export, changes, subject lookup, open data) starts: it
 * gets a {@link DataRequest} that takes it through the same steps, authenticate, admit by quota,
 * authorize through AccessPolicy and audit, and holds the caller on the way.
 */
@Singleton
public class DataRequests {

    final Quotas quotas;
    final ReadAccess access;
    final RequestAudit audit;
    private final BearerAuthenticator authenticator;
    private final Callers callers;

    DataRequests(Quotas quotas, ReadAccess access, RequestAudit audit, BearerAuthenticator authenticator,
                 Callers callers) {
        this.quotas = quotas;
        this.access = access;
        this.audit = audit;
        this.authenticator = authenticator;
        this.callers = callers;
    }

    /** A request served by a plain Vert.x route: its bearer token is verified here. */
    public DataRequest onRoute(HttpServerRequest request, AuditAction action, String dataset) {
        return new DataRequest(this, request, action, dataset, () -> authenticator.authenticate(request), null);
    }

    /** A request served by a REST resource: Quarkus verified its token before the resource ran. */
    public DataRequest onResource(HttpServerRequest request, AuditAction action, String dataset) {
        return new DataRequest(this, request, action, dataset, callers::current, null);
    }

    /**
     * A request of anyone (open data): no token, no agency quota, traceable in the trail by the
     * client's address (Art. 31); its route admits it by that address.
     */
    public DataRequest anonymous(HttpServerRequest request, AuditAction action, String dataset, String address) {
        Requester requester = new Requester(null, "anonymous:" + address, RequestIds.of(request), null);
        Supplier<Uni<Caller>> nobody = () -> Uni.createFrom().nullItem();
        return new DataRequest(this, request, action, dataset, nobody, requester);
    }
}
