package org.cityplatform.exchange.quota;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.cityplatform.exchange.security.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/agencies/{code}/quota")
@Authenticated
@Tag(name = "Agencies")
public class QuotaResource {

    private final QuotaService service;
    private final Callers callers;

    QuotaResource(QuotaService service, Callers callers) {
        this.service = service;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "An agency's quota (the center or the agency itself)",
            description = "Requests a second on the data routes and exports running at once, over all gateway "
                    + "instances; updatedAt is null while the platform defaults apply. Problems: 403 FORBIDDEN_ROLE, "
                    + "404 NOT_FOUND.")
    public Uni<Quota> get(@PathParam("code") String code) {
        return callers.current().flatMap(caller -> service.get(caller, code));
    }

    @PUT
    @Operation(summary = "Set an agency's quota (center)",
            description = "In force on every instance within a second. Over it, data requests are refused with "
                    + "429 RATE_LIMITED and Retry-After. Problems: 400 INVALID_REQUEST, 403 FORBIDDEN_ROLE, 404 NOT_FOUND.")
    public Uni<Quota> set(@PathParam("code") String code, @Valid @NotNull SetQuota body) {
        return callers.current().flatMap(caller -> service.set(caller, code, body));
    }
}
