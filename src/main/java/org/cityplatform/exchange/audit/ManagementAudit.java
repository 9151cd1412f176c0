package org.cityplatform.exchange.audit;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.List;
import org.cityplatform.exchange.problem.Problem;
import org.cityplatform.exchange.problem.ProblemCode;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Audit events of the center's and agencies' management requests (docs/api.md's actions AGENCY,
 * AGREEMENT, CATALOG, APPLICATION, GRANT, REVOKE, OBJECTION, NEED, PUBLICATION, REQUIREMENTS,
 * ORDER, CRITICISM, VIOLATION…), answered or refused, recorded before
 * the answer leaves. Their change has committed by then: if the event cannot be written the answer
 * still tells the truth about the change, and the loss is logged and counted, where a data read
 * would be refused instead (see {@link AuditTrail}).
 */
@Singleton
public class ManagementAudit {

    private static final Logger LOG = Logger.getLogger(ManagementAudit.class);

    // Providers: REST filters are built while the application starts, before Vert.x exists.
    private final Provider<AuditTrail> trail;
    private final Provider<RequestAudit> requests;
    private final CurrentVertxRequest current;

    ManagementAudit(Provider<AuditTrail> trail, Provider<RequestAudit> requests, CurrentVertxRequest current) {
        this.trail = trail;
        this.requests = requests;
        this.current = current;
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        List<String> path = List.of(request.getUriInfo().getPath().replaceAll("^/+|/+$", "").split("/"));
        AuditAction action = actionOf(method, path);
        if (action == null || current.getCurrent() == null) {
            return Uni.createFrom().voidItem();
        }
        int status = response.getStatus();
        ProblemCode code = response.getEntity() instanceof Problem problem ? codeOf(problem.code()) : null;
        String dataset = response.getEntity() instanceof AuditedDataset named ? named.auditedDataset()
                : path.size() > 3 && path.get(2).equals("datasets") ? path.get(3) : null;
        AuditTarget target = targetOf(path, response);
        String subject = response.getEntity() instanceof AuditedSubject about ? about.auditedSubject() : null;
        Requester requester = requests.get().requester(current.getCurrent().request(), null);
        AuditEvent event = (status < 400
                ? requester.ok(action, dataset, subject, null, null, null)
                : requester.event(action, dataset, null, null, null, null, AuditOutcome.ofStatus(status), code))
                .about(target);
        return trail.get().record(event).onFailure().recoverWithItem(e -> {
            LOG.errorf("audit event of %s %s (request %s) not recorded: %s", method, request.getUriInfo().getPath(),
                    requester.requestId(), e.getMessage());
            return null;
        });
    }

    /** The audited action of a management request; null for reads and for paths audited elsewhere. */
    static AuditAction actionOf(String method, List<String> path) {
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || path.size() < 3
                || !path.get(0).equals("api") || !path.get(1).equals("v1")) {
            return null;
        }
        String last = path.get(path.size() - 1);
        String fifth = path.size() > 4 ? path.get(4) : "";
        return switch (path.get(2)) {
            case "agencies" -> last.equals("agreement") ? AuditAction.AGREEMENT
                    : fifth.equals("quota") ? AuditAction.QUOTA : AuditAction.AGENCY;
            case "agreements" -> AuditAction.AGREEMENT;
            case "datasets" -> switch (fifth) {
                case "records" -> null;
                case "open" -> AuditAction.OPENING;
                case "classification" -> AuditAction.CLASSIFICATION;
                default -> AuditAction.CATALOG;
            };
            case "elements" -> AuditAction.CATALOG;
            case "applications" -> AuditAction.APPLICATION;
            case "grants" -> method.equals("DELETE") ? AuditAction.REVOKE : AuditAction.GRANT;
            case "objections" -> AuditAction.OBJECTION;
            case "needs" -> AuditAction.NEED;
            case "orders" -> AuditAction.ORDER;
            case "criticisms" -> AuditAction.CRITICISM;
            case "violations" -> AuditAction.VIOLATION;
            case "calendar" -> AuditAction.CALENDAR;
            case "assessment" -> last.equals("publish") ? AuditAction.PUBLICATION
                    : last.equals("requirements") ? AuditAction.REQUIREMENTS : null;
            default -> null;
        };
    }

    /**
     * What a management request acted on (Art. 31): the resource its path names, or, for one it
     * created, the resource its Location names. A path segment that is not a plausible id names
     * nothing.
     */
    static AuditTarget targetOf(List<String> path, ContainerResponseContext response) {
        if (path.size() < 3) {
            return null;
        }
        String id = path.size() > 3 ? path.get(3) : created(response);
        if (id == null || !id.matches("[A-Za-z0-9._:-]{1,128}")) {
            return null;
        }
        String fifth = path.size() > 4 ? path.get(4) : "";
        // A new type goes into AuditTarget.TYPES too, or the trail cannot be searched for it.
        String type = switch (path.get(2)) {
            case "agencies" -> "agency";
            case "agreements" -> "agreement";
            case "datasets" -> fifth.equals("open") ? "opening" : "dataset";
            case "elements" -> "element";
            case "applications" -> "application";
            case "grants" -> "grant";
            case "objections" -> "objection";
            case "needs" -> "need";
            case "orders" -> "order";
            case "criticisms" -> "criticism";
            case "violations" -> "violation";
            case "calendar" -> "calendar-year";
            case "assessment" -> "assessment-year";
            default -> null;
        };
        return type == null ? null : new AuditTarget(type, id);
    }

    private static String created(ContainerResponseContext response) {
        Object location = response.getHeaders().getFirst("Location");
        if (location == null) {
            return null;
        }
        String text = location.toString().replaceAll("/+$", "");
        return text.substring(text.lastIndexOf('/') + 1);
    }

    private static ProblemCode codeOf(String code) {
        try {
            return code == null ? null : ProblemCode.valueOf(code);
        } catch (IllegalArgumentException internal) {
            return null; // INTERNAL_ERROR is no contract code: the outcome FAILED says it
        }
    }
}
