package org.cityplatform.exchange.access;

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
import org.cityplatform.exchange.access.AccessBodies.ApplicationList;
import org.cityplatform.exchange.access.AccessBodies.ApplicationView;
import org.cityplatform.exchange.access.AccessBodies.ProviderDecision;
import org.cityplatform.exchange.access.AccessBodies.Refusal;
import org.cityplatform.exchange.access.AccessBodies.SubmitApplication;
import org.cityplatform.exchange.problem.EnumParameter;
import org.cityplatform.exchange.security.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.cityplatform.exchange.infra.Invalidations;

@Path("/api/v1/applications")
@Authenticated
@Tag(name = "Applications", description = "Applying for data (Art. 18, 19, 4(3))")
public class ApplicationResource {

    private final ApplicationService service;
    private final Invalidations invalidations;
    private final Callers callers;

    ApplicationResource(ApplicationService service, Invalidations invalidations, Callers callers) {
        this.service = service;
        this.invalidations = invalidations;
        this.callers = callers;
    }

    @POST
    @Operation(summary = "Apply to read a dataset (consumer)",
            description = "Purpose, the fields needed, use DUTY or DEVELOPMENT, validUntil, scopes (LOOKUP, SYNC, EXPORT; "
                    + "default [\"LOOKUP\"]); for CONDITIONAL or SPECIAL data confidentiality {\"acknowledgedBy\", "
                    + "\"persons\"} (Art. 24). UNCONDITIONAL data needs an application only for DEVELOPMENT use. "
                    + "Problems: 400 INVALID_REQUEST, 400 UNKNOWN_FIELD, 400 CONFIDENTIALITY_REQUIRED, "
                    + "403 FORBIDDEN_ROLE, 404 NOT_FOUND, 409 NOT_NEEDED, 409 DATASET_NOT_ACTIVE.")
    public Uni<Response> submit(@Valid @NotNull SubmitApplication body) {
        return callers.current().flatMap(caller -> service.submit(caller, body))
                .map(a -> Response.created(URI.create("/api/v1/applications/" + a.id))
                        .entity(ApplicationView.of(a, null)).build());
    }

    @POST
    @Path("/{id}/approve")
    @Operation(summary = "Approve (center)", description = "A grant exists and the provider is notified. "
            + "Problems: 403 FORBIDDEN_ROLE, 404 NOT_FOUND, 409 INVALID_STATE.")
    public Uni<ApplicationView> approve(@PathParam("id") long id) {
        return callers.current().flatMap(caller -> service.approve(caller, id)).call(this::announce).map(this::view);
    }

    @POST
    @Path("/{id}/consult")
    @Operation(summary = "Consult the provider (center; CONDITIONAL only)",
            description = "The provider's answer is due (providerDue) 5 working days later on the official calendar; "
                    + "it is told who will know the data (Art. 24). Problems: 403 FORBIDDEN_ROLE, 404 NOT_FOUND, "
                    + "409 INVALID_STATE.")
    public Uni<ApplicationView> consult(@PathParam("id") long id) {
        return callers.current().flatMap(caller -> service.consult(caller, id)).map(this::view);
    }

    @POST
    @Path("/{id}/provider-decision")
    @Operation(summary = "The provider's decision while consulted",
            description = "{\"approve\":bool,\"reason\"}; a refusal needs its reason in writing (Art. 18). "
                    + "Problems: 400 REASON_REQUIRED, 403 NOT_PROVIDER, 404 NOT_FOUND, 409 INVALID_STATE.")
    public Uni<ApplicationView> providerDecision(@PathParam("id") long id, @Valid @NotNull ProviderDecision body) {
        return callers.current().flatMap(caller -> service.providerDecision(caller, id, body)).call(this::announce)
                .map(this::view);
    }

    @POST
    @Path("/{id}/refuse")
    @Operation(summary = "Refuse (center; any class and use, before a decision)",
            description = "{\"reason\"}, required. Problems: 400 REASON_REQUIRED, 403 FORBIDDEN_ROLE, 404 NOT_FOUND, "
                    + "409 INVALID_STATE.")
    public Uni<ApplicationView> refuse(@PathParam("id") long id, @Valid Refusal body) {
        return callers.current().flatMap(caller -> service.refuse(caller, id, body)).map(this::view);
    }

    @POST
    @Path("/{id}/withdraw")
    @Operation(summary = "Withdraw (the applicant, before a decision)",
            description = "The application becomes WITHDRAWN; a consulted provider is told. Problems: 403 FORBIDDEN_ROLE, "
                    + "404 NOT_FOUND, 409 INVALID_STATE.")
    public Uni<ApplicationView> withdraw(@PathParam("id") long id) {
        return callers.current().flatMap(caller -> service.withdraw(caller, id)).map(this::view);
    }

    @GET
    @Operation(summary = "Applications: the center sees all; an agency its own and those on its datasets")
    public Uni<ApplicationList> list(@QueryParam("status") String status, @QueryParam("dataset") String dataset) {
        ApplicationStatus wanted = EnumParameter.parse(ApplicationStatus.class, "status", status);
        return callers.current().flatMap(caller -> service.list(caller, wanted, dataset == null || dataset.isBlank()
                ? null : dataset.strip()))
                .map(all -> new ApplicationList(all.stream().map(a -> ApplicationView.of(a, null)).toList()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One application with every step taken", description = "Problems: 404 NOT_FOUND.")
    public Uni<ApplicationView> get(@PathParam("id") long id) {
        return callers.current().flatMap(caller -> service.get(caller, id))
                .flatMap(a -> service.steps(a.id).map(steps -> ApplicationView.of(a, steps)));
    }

    private Uni<Void> announce(Application a) {
        return a.status == ApplicationStatus.APPROVED
                ? invalidations.publish(Invalidations.Topic.GRANT, GrantDirectory.id(a.consumer, a.dataset))
                : Uni.createFrom().voidItem();
    }

    private ApplicationView view(Application a) {
        return ApplicationView.of(a, null);
    }
}
