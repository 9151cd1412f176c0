package org.cityplatform.exchange.opendata;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.cityplatform.exchange.opendata.OpenDataBodies.Approval;
import org.cityplatform.exchange.opendata.OpenDataBodies.Opening;
import org.cityplatform.exchange.opendata.OpenDataBodies.OpeningView;
import org.cityplatform.exchange.opendata.OpenDataBodies.Refusal;
import org.cityplatform.exchange.security.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The provider's consent to publish (Art. 23, 25) and, for personal data, the center's approval
 * (Art. 24); recorded as CATALOG audit events with the dataset like every catalog change.
 */
@Path("/api/v1/datasets/{code}/open")
@Authenticated
@Tag(name = "Open data", description = "Datasets their providers publish to everyone (Art. 23, 25)")
public class OpenDataResource {

    private final OpenDataService openData;
    private final OpeningService approvals;
    private final Callers callers;

    OpenDataResource(OpenDataService openData, OpeningService approvals, Callers callers) {
        this.openData = openData;
        this.approvals = approvals;
        this.callers = callers;
    }

    @PUT
    @Operation(summary = "Open a dataset as open data (its provider only)",
            description = "Body {\"fields\":[...],\"title\",\"description\"}: the fields to publish; \"key\" among them "
                    + "publishes the record key (ENTITY and OBJECT data only). Opening again replaces the fields. "
                    + "ENTITY and OBJECT data: 200, published at once. PERSON data: 202 with the opening "
                    + "PENDING_APPROVAL, published only once the center approves it (Art. 24); opening it again "
                    + "asks again. "
                    + "Problems: 400 INVALID_REQUEST (no fields, a field twice), 400 UNKNOWN_FIELD, "
                    + "403 NOT_PROVIDER (anyone but the provider, the center included), 403 FORBIDDEN_ROLE, "
                    + "404 NOT_FOUND, 409 NOT_OPENABLE (not ACTIVE, not UNCONDITIONAL, a sensitive field, "
                    + "the key of a PERSON dataset).")
    public Uni<Response> open(@PathParam("code") String code, @Valid @NotNull Opening body) {
        return callers.current().flatMap(caller -> openData.open(caller, code, body))
                .map(opened -> opened.pending() != null ? Response.accepted(opened.pending()).build()
                        : Response.ok(opened.published()).build());
    }

    @POST
    @Path("/approve")
    @Operation(summary = "Approve opening a PERSON dataset, with a security assessment (the center only)",
            description = "Body {\"assessment\":{\"by\",\"conclusion\",\"reviewDue\"}}, all required; reviewDue a "
                    + "city day after today and at most three years ahead. The dataset is published from now until "
                    + "reviewDue; an OPEN or SUSPENDED opening is approved again with a new assessment (Art. 24). "
                    + "Problems: 400 INVALID_REQUEST, 403 FORBIDDEN_ROLE, 404 NOT_FOUND (no opening), "
                    + "409 INVALID_STATE (ENTITY or OBJECT data, a refused opening, opened anew meanwhile).")
    public Uni<OpeningView> approve(@PathParam("code") String code, @Valid @NotNull Approval body) {
        return callers.current().flatMap(caller -> approvals.approve(caller, code, body))
                .flatMap(v -> approvals.find(code));
    }

    @POST
    @Path("/refuse")
    @Operation(summary = "Refuse opening a PERSON dataset (the center only)",
            description = "Body {\"reason\"}. Nothing is published; the provider may open it anew, which asks again "
                    + "(Art. 24). Problems: 400 REASON_REQUIRED, 403 FORBIDDEN_ROLE, 404 NOT_FOUND (no opening), "
                    + "409 INVALID_STATE (ENTITY or OBJECT data, already refused, opened anew meanwhile).")
    public Uni<OpeningView> refuse(@PathParam("code") String code, @Valid Refusal body) {
        return callers.current().flatMap(caller -> approvals.refuse(caller, code, body))
                .flatMap(v -> approvals.find(code));
    }

    @DELETE
    @Operation(summary = "Withdraw a dataset from open data (its provider only)",
            description = "From now on its open listing and export answer 404. Problems: 403 NOT_PROVIDER, "
                    + "403 FORBIDDEN_ROLE, 404 NOT_FOUND (no such dataset, or not open).")
    public Uni<Response> withdraw(@PathParam("code") String code) {
        return callers.current().flatMap(caller -> openData.withdraw(caller, code))
                .map(v -> Response.noContent().build());
    }
}
