package org.cityplatform.exchange.access;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.cityplatform.exchange.access.AccessBodies.Designation;
import org.cityplatform.exchange.access.AccessBodies.GrantList;
import org.cityplatform.exchange.access.AccessBodies.GrantView;
import org.cityplatform.exchange.security.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.cityplatform.exchange.infra.Invalidations;

@Path("/api/v1/grants")
@Authenticated
@Tag(name = "Grants", description = "Who may read what (Art. 18, 19)")
public class GrantResource {

    private final GrantService service;
    private final Invalidations invalidations;
    private final Callers callers;

    GrantResource(GrantService service, Invalidations invalidations, Callers callers) {
        this.service = service;
        this.invalidations = invalidations;
        this.callers = callers;
    }

    @POST
    @Operation(summary = "Designate a consumer directly (center; how SPECIAL consumers are named, Art. 19)",
            description = "scopes: LOOKUP, SYNC, EXPORT (default [\"LOOKUP\"]); confidentiality {\"acknowledgedBy\", "
                    + "\"persons\"} optional (Art. 24). Problems: 400 INVALID_REQUEST, 400 INVALID_KEY, 400 UNKNOWN_FIELD, 403 FORBIDDEN_ROLE, "
                    + "404 NOT_FOUND, 409 DATASET_NOT_ACTIVE (a retired dataset).")
    public Uni<Response> designate(@Valid @NotNull Designation body) {
        return callers.current().flatMap(caller -> service.designate(caller, body)).call(this::announce)
                .map(g -> Response.created(URI.create("/api/v1/grants/" + g.id))
                        .entity(GrantView.of(g, service.today())).build());
    }

    @GET
    @Operation(summary = "Grants: the center sees all; an agency those it holds and those on its datasets")
    public Uni<GrantList> list(@QueryParam("consumer") String consumer, @QueryParam("dataset") String dataset) {
        return callers.current()
                .flatMap(caller -> service.list(caller, blankToNull(consumer), blankToNull(dataset)))
                .map(all -> new GrantList(all.stream().map(g -> GrantView.of(g, service.today())).toList()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a grant (center)",
            description = "Within one second every gateway instance refuses the consumer (403 NO_GRANT). "
                    + "Problems: 403 FORBIDDEN_ROLE, 404 NOT_FOUND.")
    public Uni<GrantView> revoke(@PathParam("id") long id) {
        return callers.current().flatMap(caller -> service.revoke(caller, id)).call(this::announce)
                .map(g -> GrantView.of(g, service.today()));
    }

    private Uni<Void> announce(Grant g) {
        return invalidations.publish(Invalidations.Topic.GRANT, GrantDirectory.id(g.consumer, g.dataset));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
