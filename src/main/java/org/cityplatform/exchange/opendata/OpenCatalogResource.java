package org.cityplatform.exchange.opendata;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.cityplatform.exchange.opendata.OpenDataBodies.OpenDatasetList;
import org.cityplatform.exchange.opendata.OpenDataBodies.OpenDatasetView;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The open data catalog, read without login (Art. 23, 25); metered per address by {@link OpenDataGate}. */
@Path("/open/v1/datasets")
@Tag(name = "Open data", description = "Datasets their providers publish to everyone (Art. 23, 25)")
public class OpenCatalogResource {

    private final OpenDataService openData;

    OpenCatalogResource(OpenDataService openData) {
        this.openData = openData;
    }

    @GET
    @Operation(summary = "The open datasets (no login)",
            description = "Each with its provider, the published fields (name, type, description), whether the "
                    + "record key is published, when it was opened and where to export it. Problems: "
                    + "429 RATE_LIMITED (Retry-After).")
    public Uni<OpenDatasetList> list() {
        return openData.list(null).map(OpenDatasetList::new);
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One open dataset (no login)", description = "Problems: 404 NOT_FOUND, 429 RATE_LIMITED.")
    public Uni<OpenDatasetView> get(@PathParam("code") String code) {
        return openData.published(code).map(found -> found.orElseThrow(
                () -> new ProblemException(ProblemCode.NOT_FOUND, "dataset " + code + " is not open data")));
    }
}
