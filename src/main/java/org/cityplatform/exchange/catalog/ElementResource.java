package org.cityplatform.exchange.catalog;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.cityplatform.exchange.catalog.ElementBodies.ElementList;
import org.cityplatform.exchange.catalog.ElementBodies.ElementSourceView;
import org.cityplatform.exchange.catalog.ElementBodies.SetSource;
import org.cityplatform.exchange.identity.UnifiedSocialCreditCode;
import org.cityplatform.exchange.security.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/elements")
@Authenticated
@Tag(name = "Catalog", description = "The city-wide catalog of shared datasets (Art. 3, 8, 9, 13, 33)")
public class ElementResource {

    private final ElementService elements;
    private final Callers callers;

    ElementResource(ElementService elements, Callers callers) {
        this.elements = elements;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "The data elements and their one source each (any authenticated caller, Art. 4(1), 12)",
            description = "By element name; filter provider; offset and limit. Only ACTIVE datasets hold a claim. "
                    + "Problems: 400 INVALID_REQUEST, 400 INVALID_KEY.")
    public Uni<ElementList> list(@QueryParam("provider") String provider,
                                 @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                 @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit) {
        String providerCode = provider == null || provider.isBlank() ? null : UnifiedSocialCreditCode.canonical(provider);
        return callers.current().flatMap(caller -> elements.list(providerCode, offset, limit))
                .map(all -> new ElementList(all.stream().map(ElementSourceView::of).toList()));
    }

    @PUT
    @Path("/{element}/source")
    @Operation(summary = "Settle or move an element's source (center)",
            description = "The dataset must be ACTIVE and declare a field for the element; both providers are "
                    + "notified. Problems: 400 INVALID_REQUEST, 403 FORBIDDEN_ROLE, 409 DATASET_NOT_ACTIVE, "
                    + "409 ELEMENT_NOT_DECLARED.")
    public Uni<ElementSourceView> setSource(@PathParam("element") String element, @Valid @NotNull SetSource body) {
        return callers.current().flatMap(caller -> elements.setSource(caller, element, body.dataset()))
                .map(ElementSourceView::of);
    }
}
