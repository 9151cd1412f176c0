package org.cityplatform.exchange.catalog;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.infra.Invalidations;
import org.cityplatform.exchange.catalog.DatasetBodies.DatasetList;
import org.cityplatform.exchange.catalog.DatasetBodies.DatasetView;
import org.cityplatform.exchange.catalog.DatasetBodies.EditDataset;
import org.cityplatform.exchange.catalog.DatasetBodies.RegisterDataset;
import org.cityplatform.exchange.catalog.DatasetBodies.Retire;
import org.cityplatform.exchange.catalog.DatasetBodies.VersionList;
import org.cityplatform.exchange.catalog.DatasetBodies.VersionView;
import org.cityplatform.exchange.catalog.DatasetRepository.CatalogFilter;
import org.cityplatform.exchange.identity.SubjectType;
import org.cityplatform.exchange.identity.UnifiedSocialCreditCode;
import org.cityplatform.exchange.problem.EnumParameter;
import org.cityplatform.exchange.security.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/datasets")
@Authenticated
@Tag(name = "Catalog", description = "The city-wide catalog of shared datasets (Art. 3, 8, 9, 13, 33)")
public class DatasetResource {

    private final CatalogService catalog;
    private final DatasetEditService edits;
    private final Callers callers;
    private final DatasetRetirementService retirements;
    private final Invalidations invalidations;
    private final OpenDelays delays;
    private final Clock clock;

    DatasetResource(CatalogService catalog, DatasetEditService edits, DatasetRetirementService retirements,
                    Callers callers, Invalidations invalidations, OpenDelays delays, Clock clock) {
        this.catalog = catalog;
        this.edits = edits;
        this.retirements = retirements;
        this.callers = callers;
        this.invalidations = invalidations;
        this.delays = delays;
        this.clock = clock;
    }

    @POST
    @Operation(summary = "Register a dataset (center, or a provider for its own dataset)",
            description = "By the center: ACTIVE with its sharing class. By a provider: PENDING_CLASSIFICATION until "
                    + "the center classifies it. Problems: 400 INVALID_REQUEST, 400 INVALID_KEY, "
                    + "400 LEGAL_BASIS_REQUIRED, 403 NOT_PROVIDER, 403 FORBIDDEN_ROLE, 403 UNKNOWN_AGENCY, "
                    + "409 DUPLICATE, 409 DUPLICATE_SOURCE.")
    public Uni<Response> register(@Valid @NotNull RegisterDataset body) {
        return callers.current()
                .flatMap(caller -> catalog.register(caller, body))
                .call(d -> invalidations.publish(Invalidations.Topic.DATASET, d.code))
                .map(d -> Response.created(URI.create("/api/v1/datasets/" + d.code)).entity(DatasetView.of(d)).build());
    }

    @PATCH
    @Path("/{code}")
    @Operation(summary = "Edit a dataset (its provider or the center): a new schema version",
            description = "Any of name, description, updateCycle, conditions, legalBasis and fields (the whole new "
                    + "list). Fields may be added (a required one with a default, which stored records are given), "
                    + "described, marked sensitive or deprecated. The provider and grant holders are notified. "
                    + "Problems: 400 INVALID_REQUEST, 400 LEGAL_BASIS_REQUIRED, 403 NOT_PROVIDER, 404 NOT_FOUND, "
                    + "409 INCOMPATIBLE_CHANGE, 409 DUPLICATE_SOURCE.")
    public Uni<DatasetView> edit(@PathParam("code") String code, @Valid @NotNull EditDataset body) {
        return callers.current().flatMap(caller -> edits.edit(caller, code, body))
                .call(d -> invalidations.publish(Invalidations.Topic.DATASET, d.code))
                .map(DatasetView::of);
    }

    @POST
    @Path("/{code}/retire")
    @Operation(summary = "Retire a dataset (its provider or the center)",
            description = "Body: reason and effectiveOn (a city day, today up to two years ahead). The dataset is "
                    + "RETIRING and works as before until effectiveOn; grant holders and agencies that read it in the "
                    + "last 90 days are notified (and the provider when the center retires it). From effectiveOn it is "
                    + "RETIRED: reads are 410 DATASET_RETIRED, pushes 409 DATASET_NOT_ACTIVE, its grants end; the "
                    + "catalog keeps it. Problems: 400 INVALID_REQUEST, 400 REASON_REQUIRED, 403 NOT_PROVIDER, "
                    + "404 NOT_FOUND, 409 INVALID_STATE.")
    public Uni<DatasetView> retire(@PathParam("code") String code, @Valid @NotNull Retire body) {
        return callers.current().flatMap(caller -> retirements.retire(caller, code, body))
                .call(d -> invalidations.publish(Invalidations.Topic.DATASET, d.code))
                .map(DatasetView::of);
    }

    @GET
    @Path("/{code}/versions")
    @Operation(summary = "A dataset's schema versions, newest first", description = "Problems: 404 NOT_FOUND.")
    public Uni<VersionList> versions(@PathParam("code") String code) {
        return callers.current().flatMap(caller -> edits.versions(caller, code))
                .map(all -> new VersionList(all.stream().map(VersionView::of).toList()));
    }

    @GET
    @Operation(summary = "Read the catalog (any authenticated caller)",
            description = "Filters: provider, sharingClass, subjectType and q (text in code or name). "
                    + "Pending datasets are listed for the center and their own provider only; retiring and retired "
                    + "ones for everyone, with their status.")
    public Uni<DatasetList> search(@QueryParam("provider") String provider,
                                   @QueryParam("sharingClass") String sharingClass,
                                   @QueryParam("subjectType") String subjectType,
                                   @QueryParam("q") @Size(max = 200) String q,
                                   @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                   @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit) {
        String providerCode = provider == null || provider.isBlank() ? null : UnifiedSocialCreditCode.canonical(provider);
        String text = q == null || q.isBlank() ? null : q.strip();
        CatalogFilter filter = new CatalogFilter(providerCode,
                EnumParameter.parse(SharingClass.class, "sharingClass", sharingClass),
                EnumParameter.parse(SubjectType.class, "subjectType", subjectType), text);
        return callers.current()
                .flatMap(caller -> catalog.search(caller, filter, offset, limit))
                .flatMap(all -> delays.of(all.stream().map(d -> d.code).toList()).map(open -> new DatasetList(all.stream()
                        .map(d -> DatasetView.of(d, CityDays.today(clock), open.get(d.code))).toList())));
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One catalog entry", description = "With its open delay report, if any (Art. 28). "
            + "Problems: 404 NOT_FOUND.")
    public Uni<DatasetView> get(@PathParam("code") String code) {
        return callers.current().flatMap(caller -> catalog.get(caller, code))
                .flatMap(d -> delays.of(d.code).map(open -> DatasetView.of(d, CityDays.today(clock), open)));
    }
}
