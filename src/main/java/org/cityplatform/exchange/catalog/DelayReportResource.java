package org.cityplatform.exchange.catalog;

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
import org.cityplatform.exchange.catalog.DelayBodies.DelayReportList;
import org.cityplatform.exchange.catalog.DelayBodies.DelayReportView;
import org.cityplatform.exchange.catalog.DelayBodies.FileDelay;
import org.cityplatform.exchange.security.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/datasets/{code}/delays")
@Authenticated
@Tag(name = "Catalog", description = "The city-wide catalog of shared datasets (Art. 3, 8, 9, 13, 33)")
public class DelayReportResource {

    private final DelayReportService delays;
    private final Callers callers;

    DelayReportResource(DelayReportService delays, Callers callers) {
        this.delays = delays;
        this.callers = callers;
    }

    @POST
    @Operation(summary = "Report that a dataset cannot be updated on time (its provider, Art. 28)",
            description = "reason and expectedBy (today to a year ahead); the center is notified, and the dataset "
                    + "shows the report until expectedBy has passed or the provider's next push. Problems: "
                    + "400 INVALID_REQUEST, 400 REASON_REQUIRED, 403 NOT_PROVIDER, 403 FORBIDDEN_ROLE, 404 NOT_FOUND, "
                    + "409 DATASET_NOT_ACTIVE.")
    public Uni<Response> file(@PathParam("code") String code, @Valid @NotNull FileDelay body) {
        return callers.current().flatMap(caller -> delays.file(caller, code, body))
                .map(r -> Response.status(Response.Status.CREATED).entity(DelayReportView.of(r)).build());
    }

    @GET
    @Operation(summary = "A dataset's delay reports, newest first (anyone who may see the dataset)",
            description = "Problems: 400 INVALID_REQUEST, 404 NOT_FOUND.")
    public Uni<DelayReportList> list(@PathParam("code") String code,
                                     @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                     @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit) {
        return callers.current().flatMap(caller -> delays.list(caller, code, offset, limit))
                .map(all -> new DelayReportList(all.stream().map(DelayReportView::of).toList()));
    }
}
