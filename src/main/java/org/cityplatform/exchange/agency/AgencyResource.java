package org.cityplatform.exchange.agency;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.cityplatform.exchange.infra.Invalidations;
import org.cityplatform.exchange.agency.AgencyBodies.AgencyList;
import org.cityplatform.exchange.agency.AgencyBodies.AgencyView;
import org.cityplatform.exchange.agency.AgencyBodies.ChangeContact;
import org.cityplatform.exchange.agency.AgencyBodies.ChangeStatus;
import org.cityplatform.exchange.agency.AgencyBodies.RegisterAgency;
import org.cityplatform.exchange.agency.AgencyBodies.SignAgreement;
import org.cityplatform.exchange.problem.EnumParameter;
import org.cityplatform.exchange.security.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/agencies")
@Authenticated
@Tag(name = "Agencies", description = "Agencies and their platform agreements (Art. 32)")
public class AgencyResource {

    private final AgencyService service;
    private final Callers callers;
    private final Invalidations invalidations;

    AgencyResource(AgencyService service, Callers callers, Invalidations invalidations) {
        this.service = service;
        this.callers = callers;
        this.invalidations = invalidations;
    }

    private Uni<Void> announce(Agency agency) {
        return invalidations.publish(Invalidations.Topic.AGENCY, agency.code);
    }

    @POST
    @Operation(summary = "Register an agency (center)",
            description = "code is the agency's unified social credit code. Problems: 400 INVALID_REQUEST, "
                    + "400 INVALID_KEY, 401 UNAUTHENTICATED, 403 FORBIDDEN_ROLE, 409 DUPLICATE.")
    public Uni<Response> register(@Valid @NotNull RegisterAgency body) {
        return callers.current()
                .flatMap(caller -> service.register(caller, body).call(this::announce)
                        .map(a -> Response.created(URI.create("/api/v1/agencies/" + a.code))
                                .entity(AgencyView.of(a, caller)).build()));
    }

    @GET
    @Operation(summary = "List agencies (any authenticated caller)",
            description = "Each agency's contact (Art. 28) is shown to the center and to that agency only.")
    public Uni<AgencyList> list(@QueryParam("status") String status, @QueryParam("kind") String kind) {
        return callers.current()
                .flatMap(caller -> service.list(EnumParameter.parse(AgencyStatus.class, "status", status),
                        EnumParameter.parse(AgencyKind.class, "kind", kind))
                        .map(all -> new AgencyList(all.stream().map(a -> AgencyView.of(a, caller)).toList())));
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One agency (any authenticated caller)",
            description = "Its contact (Art. 28) is shown to the center and to the agency itself. Problems: 404 NOT_FOUND.")
    public Uni<AgencyView> get(@PathParam("code") String code) {
        return callers.current().flatMap(caller -> service.get(code).map(a -> AgencyView.of(a, caller)));
    }

    @PATCH
    @Path("/{code}")
    @Operation(summary = "Name the person responsible for the agency's data sharing (the center or the agency itself, Art. 28)",
            description = "Body {\"contact\":{\"name\",\"phone\",\"email\"}}; it replaces the contact. Problems: "
                    + "400 INVALID_REQUEST, 403 FORBIDDEN_ROLE, 404 NOT_FOUND.")
    public Uni<AgencyView> changeContact(@PathParam("code") String code, @Valid @NotNull ChangeContact body) {
        return callers.current().flatMap(caller -> service.changeContact(caller, code, body)
                .map(a -> AgencyView.of(a, caller)));
    }

    @POST
    @Path("/{code}/agreement")
    @Operation(summary = "Sign the platform data use and protection agreement (the agency itself, Art. 32)",
            description = "Until an agency has signed, every read of record data by it is refused with "
                    + "403 AGREEMENT_REQUIRED. Once the center has published versions (GET /api/v1/agreements), "
                    + "only the version in force may be signed. Problems: 400 INVALID_REQUEST, 403 FORBIDDEN_ROLE, "
                    + "403 UNKNOWN_AGENCY, 404 NOT_FOUND, 409 AGREEMENT_OUTDATED.")
    public Uni<AgencyView> signAgreement(@PathParam("code") String code, @Valid @NotNull SignAgreement body) {
        return callers.current().flatMap(caller -> service.signAgreement(caller, code, body).call(this::announce)
                .map(a -> AgencyView.of(a, caller)));
    }

    @PUT
    @Path("/{code}/status")
    @Operation(summary = "Suspend or reinstate an agency (center)",
            description = "A suspended agency's callers are refused with 403 UNKNOWN_AGENCY. Problems: "
                    + "400 INVALID_REQUEST, 403 FORBIDDEN_ROLE, 404 NOT_FOUND.")
    public Uni<AgencyView> changeStatus(@PathParam("code") String code, @Valid @NotNull ChangeStatus body) {
        return callers.current().flatMap(caller -> service.changeStatus(caller, code, body).call(this::announce)
                .map(a -> AgencyView.of(a, caller)));
    }
}
