package org.cityplatform.exchange.objections;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import org.cityplatform.exchange.audit.AuditAction;
import org.cityplatform.exchange.audit.RequestAudit;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.cityplatform.exchange.problem.EnumParameter;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/objections")
@Authenticated
@Tag(name = "Objections", description = "Correcting wrong or incomplete records on time (Art. 20)")
public class ObjectionResource {

    private final ObjectionService service;
    private final OpenObjections open;
    private final Callers callers;
    private final RequestAudit audit;
    private final ObjectMapper json;

    ObjectionResource(ObjectionService service, OpenObjections open, Callers callers, RequestAudit audit,
                      ObjectMapper json) {
        this.service = service;
        this.open = open;
        this.callers = callers;
        this.audit = audit;
        this.json = json;
    }

    @POST
    @Operation(summary = "Object to a record (a consumer that may read it)",
            description = "kind ERROR or INCOMPLETE with a description; the objection keeps the record's version "
                    + "(none for an INCOMPLETE objection about a key not stored); reviewDue is 5 working days after "
                    + "filing. Problems: 400 INVALID_REQUEST, 400 INVALID_KEY, 403 NO_GRANT, 403 FORBIDDEN_ROLE, 404 NOT_FOUND.")
    public Uni<Response> file(@Valid @NotNull ObjectionBodies.FileObjection body) {
        return callers.current().flatMap(caller -> service.mayFile(caller, body)
                        .flatMap(filing -> service.file(caller, body, filing)))
                .call(open::changed)
                .map(o -> Response.created(URI.create("/api/v1/objections/" + o.id)).entity(view(o)).build());
    }

    @POST
    @Path("/{id}/review")
    @Operation(summary = "Review an objection (center)",
            description = "CONFIRMED or CORRECTED resolve it and tell the consumer; CORRECTED needs a version of the "
                    + "record newer than the one objected to (correctedVersion); REFER_TO_PROVIDER gives the provider "
                    + "3 working days (providerDue). Problems: 403 FORBIDDEN_ROLE, 404 NOT_FOUND, 409 INVALID_STATE, "
                    + "409 NOT_CORRECTED.")
    public Uni<ObjectionBodies.ObjectionView> review(@PathParam("id") long id, @Valid @NotNull ObjectionBodies.Review body) {
        return callers.current().flatMap(caller -> service.review(caller, id, body)).call(open::changed).map(this::view);
    }

    @POST
    @Path("/{id}/provider-response")
    @Operation(summary = "Answer a referred objection in writing (the provider)",
            description = "CONFIRMED or CORRECTED with a note; CORRECTED needs a version of the record newer than the "
                    + "one objected to (correctedVersion); the consumer gets the answer. Problems: 400 REASON_REQUIRED, "
                    + "403 NOT_PROVIDER, 404 NOT_FOUND, 409 INVALID_STATE, 409 NOT_CORRECTED.")
    public Uni<ObjectionBodies.ObjectionView> providerResponse(@PathParam("id") long id,
                                                              @Valid @NotNull ObjectionBodies.ProviderResponse body) {
        return callers.current().flatMap(caller -> service.providerResponse(caller, id, body)).call(open::changed)
                .map(this::view);
    }

    @GET
    @Operation(summary = "Objections the caller may see",
            description = "The center sees all; an agency those it filed and those on its datasets. overdue=true: past "
                    + "their current deadline. Problems: 400 INVALID_REQUEST.")
    public Uni<ObjectionBodies.ObjectionList> list(@QueryParam("status") String status, @QueryParam("overdue") String overdue) {
        ObjectionStatus wanted = EnumParameter.parse(ObjectionStatus.class, "status", status);
        boolean onlyOverdue = flag("overdue", overdue);
        return callers.current().flatMap(caller -> service.list(caller, wanted, onlyOverdue))
                .map(all -> new ObjectionBodies.ObjectionList(all.stream().map(this::view).toList()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One objection", description = "Problems: 404 NOT_FOUND.")
    public Uni<ObjectionBodies.ObjectionView> get(@PathParam("id") long id) {
        return callers.current().flatMap(caller -> service.get(caller, id)).map(this::view);
    }

    @GET
    @Path("/{id}/record")
    @Operation(summary = "The record under an objection, as filed and as it is now (center, Art. 20)",
            description = "Audited as a READ of the record whose case is the objection (objection-{id}). "
                    + "Problems: 403 FORBIDDEN_ROLE, 404 NOT_FOUND.")
    public Uni<ObjectionBodies.RecordView> record(@PathParam("id") long id, @Context HttpServerRequest request) {
        return callers.current().flatMap(caller -> audit.around(request, service.underReview(caller, id),
                review -> audit.requester(request, caller)
                        .ok(AuditAction.READ, review.objection().dataset, review.objection().key, 1L, null, null)
                        .inCase("objection-" + id),
                code -> audit.requester(request, caller).failed(AuditAction.READ, null, null, code)
                        .inCase("objection-" + id)))
                .map(review -> ObjectionBodies.RecordView.of(review, json));
    }

    private ObjectionBodies.ObjectionView view(Objection o) {
        return ObjectionBodies.ObjectionView.of(o, service.today());
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new ProblemException(ProblemCode.INVALID_REQUEST, name + ": true or false, got '" + value + "'");
    }
}
