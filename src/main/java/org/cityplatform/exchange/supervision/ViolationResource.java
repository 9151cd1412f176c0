package org.cityplatform.exchange.supervision;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.cityplatform.exchange.security.Callers;
import org.cityplatform.exchange.supervision.SupervisionBodies.ViolationList;
import org.cityplatform.exchange.supervision.SupervisionBodies.ViolationView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/violations")
@Authenticated
@Tag(name = "Supervision", description = "Rectification orders, written criticism and violations (Art. 35, 36)")
public class ViolationResource {

    private final ViolationService service;
    private final Callers callers;

    ViolationResource(ViolationService service, Callers callers) {
        this.service = service;
        this.callers = callers;
    }

    @POST
    @Operation(summary = "Record a violation by an agency, with its evidence (center, Art. 36)",
            description = "{\"agency\",\"article\",\"description\",\"evidence\"}: article as 'Art. 36', evidence 1 to 50 "
                    + "ids of audit events in the trail. The agency is told; the assessment counts it. Problems: "
                    + "400 INVALID_REQUEST, 400 INVALID_KEY, 403 FORBIDDEN_ROLE.")
    public Uni<Response> record(@Valid @NotNull SupervisionBodies.NewViolation body) {
        return callers.current().flatMap(caller -> service.record(caller, body))
                .map(c -> Response.created(URI.create("/api/v1/violations/" + c.id)).entity(ViolationView.of(c)).build());
    }

    @GET
    @Operation(summary = "Violations the caller may see",
            description = "The center sees all, an agency those addressed to it; filter agency; offset and limit, "
                    + "newest first. Problems: 400 INVALID_REQUEST, 400 INVALID_KEY, 403 FORBIDDEN_ROLE, "
                    + "403 NOT_ADDRESSEE.")
    public Uni<ViolationList> list(@QueryParam("agency") String agency,
                                   @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                   @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit) {
        return callers.current().flatMap(caller -> service.list(caller, agency, offset, limit))
                .map(all -> new ViolationList(all.stream().map(ViolationView::of).toList()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One violation (the center, the agency it is addressed to)",
            description = "Problems: 403 FORBIDDEN_ROLE, 403 NOT_ADDRESSEE, 404 NOT_FOUND.")
    public Uni<ViolationView> get(@PathParam("id") long id) {
        return callers.current().flatMap(caller -> service.get(caller, id)).map(ViolationView::of);
    }
}
