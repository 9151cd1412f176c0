package org.cityplatform.exchange.needs;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.cityplatform.exchange.needs.DataNeedBodies.DataNeedList;
import org.cityplatform.exchange.needs.DataNeedBodies.DataNeedView;
import org.cityplatform.exchange.problem.EnumParameter;
import org.cityplatform.exchange.security.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/needs")
@Authenticated
@Tag(name = "Data needs", description = "The data agencies' duties need, and who provides it (Art. 11)")
public class DataNeedResource {

    private final DataNeedService service;
    private final Callers callers;

    DataNeedResource(DataNeedService service, Callers callers) {
        this.service = service;
        this.callers = callers;
    }

    @POST
    @Operation(summary = "State a data need (an agency, for itself)",
            description = "{\"description\",\"subjectType\",\"elements\",\"purpose\",\"legalDuty\"}; the need is OPEN "
                    + "and the center is told. Problems: 400 INVALID_REQUEST, 403 FORBIDDEN_ROLE.")
    public Uni<Response> file(@Valid @NotNull DataNeedBodies.FileNeed body) {
        return callers.current().flatMap(caller -> service.file(caller, body))
                .map(n -> Response.created(URI.create("/api/v1/needs/" + n.id)).entity(DataNeedView.of(n)).build());
    }

    @POST
    @Path("/{id}/assign")
    @Operation(summary = "Assign a provider to an OPEN need (center)",
            description = "{\"provider\",\"dueOn\"}: a registered agency and a date not in the past; ASSIGNED, the "
                    + "provider is told. Problems: 400 INVALID_REQUEST, 400 INVALID_KEY, 403 FORBIDDEN_ROLE, "
                    + "404 NOT_FOUND, 409 INVALID_STATE.")
    public Uni<DataNeedView> assign(@PathParam("id") long id, @Valid @NotNull DataNeedBodies.Assignment body) {
        return callers.current().flatMap(caller -> service.assign(caller, id, body)).map(DataNeedView::of);
    }

    @POST
    @Path("/{id}/fulfil")
    @Operation(summary = "Fulfil an ASSIGNED need with a dataset (the assigned provider, or the center)",
            description = "{\"dataset\"}: the provider names one of its own datasets; FULFILLED, the filing agency is "
                    + "told. Problems: 400 INVALID_REQUEST, 403 NOT_PROVIDER, 404 NOT_FOUND, 409 INVALID_STATE.")
    public Uni<DataNeedView> fulfil(@PathParam("id") long id, @Valid @NotNull DataNeedBodies.Fulfilment body) {
        return callers.current().flatMap(caller -> service.fulfil(caller, id, body)).map(DataNeedView::of);
    }

    @POST
    @Path("/{id}/decline")
    @Operation(summary = "Decline an OPEN or ASSIGNED need in writing (center)",
            description = "{\"reason\"}; DECLINED, the filing agency (and an assigned provider) is told. Problems: "
                    + "400 INVALID_REQUEST, 400 REASON_REQUIRED, 403 FORBIDDEN_ROLE, 404 NOT_FOUND, 409 INVALID_STATE.")
    public Uni<DataNeedView> decline(@PathParam("id") long id, @Valid DataNeedBodies.Decline body) {
        return callers.current().flatMap(caller -> service.decline(caller, id, body)).map(DataNeedView::of);
    }

    @GET
    @Operation(summary = "Data needs the caller may see",
            description = "The center sees all; an agency those it filed and those assigned to it; at most 1000, "
                    + "newest first. Problems: 400 INVALID_REQUEST, 403 FORBIDDEN_ROLE.")
    public Uni<DataNeedList> list(@QueryParam("status") String status) {
        DataNeedStatus wanted = EnumParameter.parse(DataNeedStatus.class, "status", status);
        return callers.current().flatMap(caller -> service.list(caller, wanted))
                .map(all -> new DataNeedList(all.stream().map(DataNeedView::of).toList()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One data need (the center, the filer, the assigned provider)",
            description = "Problems: 404 NOT_FOUND.")
    public Uni<DataNeedView> get(@PathParam("id") long id) {
        return callers.current().flatMap(caller -> service.get(caller, id)).map(DataNeedView::of);
    }
}
