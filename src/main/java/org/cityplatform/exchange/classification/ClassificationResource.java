package org.cityplatform.exchange.classification;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.cityplatform.exchange.catalog.DatasetBodies.DatasetView;
import org.cityplatform.exchange.classification.ClassificationBodies.Decision;
import org.cityplatform.exchange.classification.ClassificationBodies.Objection;
import org.cityplatform.exchange.classification.ClassificationBodies.Proposal;
import org.cityplatform.exchange.classification.ClassificationService.Outcome;
import org.cityplatform.exchange.security.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/datasets/{code}/classification")
@Authenticated
@Tag(name = "Catalog", description = "The city-wide catalog of shared datasets (Art. 3, 8, 9, 13, 33)")
public class ClassificationResource {

    private final ClassificationService service;
    private final Callers callers;
    private final ClassificationInvalidations invalidations;

    ClassificationResource(ClassificationService service, Callers callers, ClassificationInvalidations invalidations) {
        this.service = service;
        this.callers = callers;
        this.invalidations = invalidations;
    }

    @PUT
    @Operation(summary = "Classify a dataset with its provider (center, Art. 9)",
            description = "A class at least as strict as the one in force applies at once and makes the dataset ACTIVE; "
                    + "a less strict one is a proposal the provider answers within 5 working days (silence is "
                    + "concurrence). Problems: 400 INVALID_REQUEST, 400 LEGAL_BASIS_REQUIRED, 403 FORBIDDEN_ROLE, "
                    + "404 NOT_FOUND, 409 SENSITIVE_IN_UNCONDITIONAL.")
    public Uni<DatasetView> propose(@PathParam("code") String code, @Valid @NotNull Proposal body) {
        return callers.current().flatMap(caller -> service.propose(caller, code, body)).flatMap(this::announced);
    }

    @POST
    @Path("/concur")
    @Operation(summary = "The provider concurs with a proposed class, which applies at once (Art. 9)",
            description = "Problems: 403 NOT_PROVIDER, 403 FORBIDDEN_ROLE, 404 NOT_FOUND, 409 INVALID_STATE.")
    public Uni<DatasetView> concur(@PathParam("code") String code) {
        return callers.current().flatMap(caller -> service.concur(caller, code)).flatMap(this::announced);
    }

    @POST
    @Path("/object")
    @Operation(summary = "The provider objects to a proposed class, with a reason (Art. 9)",
            description = "Within 5 working days of the proposal; the stricter class stays in force until the center "
                    + "decides. Problems: 400 REASON_REQUIRED, 403 NOT_PROVIDER, 403 FORBIDDEN_ROLE, 404 NOT_FOUND, "
                    + "409 INVALID_STATE.")
    public Uni<DatasetView> object(@PathParam("code") String code, @Valid Objection body) {
        return callers.current().flatMap(caller -> service.object(caller, code, body)).flatMap(this::announced);
    }

    @POST
    @Path("/decide")
    @Operation(summary = "The center settles a disputed classification (Art. 9)",
            description = "Problems: 400 INVALID_REQUEST, 400 LEGAL_BASIS_REQUIRED, 403 FORBIDDEN_ROLE, 404 NOT_FOUND, "
                    + "409 INVALID_STATE, 409 SENSITIVE_IN_UNCONDITIONAL.")
    public Uni<DatasetView> decide(@PathParam("code") String code, @Valid @NotNull Decision body) {
        return callers.current().flatMap(caller -> service.decide(caller, code, body)).flatMap(this::announced);
    }

    private Uni<DatasetView> announced(Outcome outcome) {
        return invalidations.publish(outcome).replaceWith(DatasetView.of(outcome.dataset()));
    }
}
