package org.cityplatform.exchange.opendata;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.cityplatform.exchange.opendata.OpenDataBodies.OpenDatasetView;
import org.cityplatform.exchange.opendata.OpenDataBodies.Opening;
import org.cityplatform.exchange.security.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The provider's consent to publish (Art. 23, 25); recorded as a CATALOG audit event like every catalog change. */
@Path("/api/v1/datasets/{code}/open")
@Authenticated
@Tag(name = "Open data", description = "Datasets their providers publish to everyone (Art. 23, 25)")
public class OpenDataResource {

    private final OpenDataService openData;
    private final Callers callers;

    OpenDataResource(OpenDataService openData, Callers callers) {
        this.openData = openData;
        this.callers = callers;
    }

    @PUT
    @Operation(summary = "Open a dataset as open data (its provider only)",
            description = "Body {\"fields\":[...],\"title\",\"description\"}: the fields to publish; \"key\" among them "
                    + "publishes the record key (ENTITY and OBJECT data only). Opening again replaces the fields. "
                    + "Problems: 400 INVALID_REQUEST (no fields, a field twice), 400 UNKNOWN_FIELD, "
                    + "403 NOT_PROVIDER (anyone but the provider, the center included), 403 FORBIDDEN_ROLE, "
                    + "404 NOT_FOUND, 409 NOT_OPENABLE (not ACTIVE, not UNCONDITIONAL, a sensitive field, "
                    + "the key of a PERSON dataset).")
    public Uni<OpenDatasetView> open(@PathParam("code") String code, @Valid @NotNull Opening body) {
        return callers.current().flatMap(caller -> openData.open(caller, code, body));
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
