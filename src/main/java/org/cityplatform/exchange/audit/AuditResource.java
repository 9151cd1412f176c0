package org.cityplatform.exchange.audit;

import org.cityplatform.exchange.infra.AsyncBridges;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.cityplatform.exchange.security.Callers;
import org.cityplatform.exchange.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The read side of the audit trail (Art. 31: identity authentication, access control and a data
 * audit trail), for the center only: who read or changed which data, when, and for which case, and
 * whether the trail is still as it was written. Refused attempts are events too.
 *
 * <p>Filters are checked only after the caller is known to be the center, so nobody else learns
 * anything from this path, not even which of its filter values are valid.
 */
@Path("/api/v1/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who read or changed what, when and why; tamper-evident (Art. 31)")
public class AuditResource {

    private final Callers callers;
    private final AuditSearch search;
    private final AuditVerifier verifier;

    // A search waits this long at most for this instance's journal to be shipped.
    private static final java.time.Duration SHIPPED_WITHIN = java.time.Duration.ofSeconds(5);

    private final AuditShipper shipper;

    AuditResource(Callers callers, AuditSearch search, AuditVerifier verifier, AuditShipper shipper) {
        this.shipper = shipper;
        this.callers = callers;
        this.search = search;
        this.verifier = verifier;
    }

    @GET
    @Operation(summary = "Search the audit trail, newest first (center, Art. 31)",
            description = "Filters combine with AND; a blank filter is none. subject=KEY answers \"who read this "
                    + "person's or company's data, when and why\". Pages hold at most 'limit' events (1 to 1000, "
                    + "default 100); 'next' is the 'before' of the following page, null on the last one. 'from' and "
                    + "'to' take a time with offset or a date (a day in Asia/Shanghai); the range is from <= at < to, "
                    + "and a date as 'to' includes that day. Problems: 400 INVALID_REQUEST, 401 UNAUTHENTICATED, "
                    + "403 FORBIDDEN_ROLE.")
    public Uni<AuditPage> search(
            @Parameter(description = "The acting agency's code") @QueryParam("agency") String agency,
            @Parameter(description = "A dataset code") @QueryParam("dataset") String dataset,
            @Parameter(description = "A subject key, in any case") @QueryParam("subject") String subject,
            @Parameter(description = "PUSH, READ, CHANGES, EXPORT, SUBJECT_LOOKUP, APPLICATION, GRANT, REVOKE, "
                    + "OBJECTION, CATALOG, AGENCY, AGREEMENT, NEED, CALENDAR, QUOTA, PUBLICATION, OPENING, CLASSIFICATION, "
                    + "ORDER, CRITICISM, VIOLATION or REQUIREMENTS")
            @QueryParam("action") String action,
            @Parameter(description = "OK, DENIED, INVALID or FAILED") @QueryParam("outcome") String outcome,
            @Parameter(description = "The request's X-Request-Id") @QueryParam("requestId") String requestId,
            @Parameter(description = "The caller's X-Case-Id") @QueryParam("caseId") String caseId,
            @Parameter(description = "What a management event acted on: agency, dataset, application, grant, need…")
            @QueryParam("targetType") String targetType,
            @Parameter(description = "The id of what it acted on, with targetType") @QueryParam("targetId") String targetId,
            @Parameter(description = "Events at or after this time or day") @QueryParam("from") String from,
            @Parameter(description = "Events before this time, or up to the end of this day") @QueryParam("to") String to,
            @Parameter(description = "Events older than this event id: the previous page's 'next'")
            @QueryParam("before") String before,
            @Parameter(description = "Events per page, 1 to 1000 (default 100)") @QueryParam("limit") String limit) {
        return callers.current().map(caller -> caller.require(Role.CENTER))
                .flatMap(center -> shipped())
                .flatMap(shipped -> search.find(new AuditQuery().agency(agency).dataset(dataset).subject(subject)
                        .action(action).outcome(outcome).requestId(requestId).caseId(caseId).target(targetType, targetId).from(from).to(to)
                        .before(before).limit(limit)));
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Verify that the audit trail is intact (center, Art. 31)",
            description = "Walks every instance's hash chain: an edited event, a deleted one, deleted newest events "
                    + "or a deleted chain head are found, and the first break is named. 'unsealed' counts push "
                    + "events still waiting for their place in a chain (no break). Takes time on a long trail. "
                    + "Problems: 401 UNAUTHENTICATED, 403 FORBIDDEN_ROLE, 503 UNAVAILABLE.")
    public Uni<AuditVerification> verify() {
        return callers.current().map(caller -> caller.require(Role.CENTER)).flatMap(center -> shipped())
                .flatMap(shipped -> verifier.verify());
    }

    // What this instance acknowledged before the center asked is in what the center reads.
    private Uni<Void> shipped() {
        return AsyncBridges.uni(shipper.caughtUp(SHIPPED_WITHIN));
    }
}
