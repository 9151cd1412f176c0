package org.cityplatform.exchange.agreements;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.cityplatform.exchange.agency.AgencyDirectory;
import org.cityplatform.exchange.agreements.AgreementBodies.AgreementList;
import org.cityplatform.exchange.agreements.AgreementBodies.AgreementView;
import org.cityplatform.exchange.agreements.AgreementBodies.PublishAgreement;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.infra.Invalidations;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/agreements")
@Authenticated
@Tag(name = "Agreements", description = "Versions of the platform data use and protection agreement (Art. 32)")
public class AgreementResource {

    private final AgreementService service;
    private final Callers callers;
    private final Invalidations invalidations;
    private final Clock clock;

    AgreementResource(AgreementService service, Callers callers, Invalidations invalidations, Clock clock) {
        this.service = service;
        this.callers = callers;
        this.invalidations = invalidations;
        this.clock = clock;
    }

    @POST
    @Operation(summary = "Publish a version of the platform agreement (center)",
            description = "Body {\"version\",\"title\",\"text\",\"effectiveOn\"}; effectiveOn is today or later (city "
                    + "time). The text is kept with its SHA-256. From effectiveOn only this version may be signed; "
                    + "agencies that signed an earlier one are notified that day and read on through graceEndsOn. "
                    + "Problems: 400 INVALID_REQUEST, 403 FORBIDDEN_ROLE, 409 DUPLICATE.")
    public Uni<Response> publish(@Valid @NotNull PublishAgreement body) {
        return callers.current().flatMap(caller -> service.publish(caller, body)
                .call(v -> invalidations.publish(Invalidations.Topic.AGENCY, AgencyDirectory.AGREEMENT_VERSIONS))
                .map(v -> Response.created(URI.create("/api/v1/agreements/"
                                + URLEncoder.encode(v.version, StandardCharsets.UTF_8)))
                        // The version just published is the latest: in force now exactly when effective today.
                        .entity(AgreementView.of(v, v.effectiveOn.equals(CityDays.today(clock)) ? v.version : null))
                        .build()));
    }

    @GET
    @Operation(summary = "List the agreement's versions (any authenticated caller)",
            description = "In the order they take force, with the version in force today (null while none is: "
                    + "then any signature counts, as before versions were published).")
    public Uni<AgreementList> list() {
        return callers.current().flatMap(caller -> service.list().map(all -> {
            var inForce = AgreementService.inForce(all, CityDays.today(clock));
            String version = inForce == null ? null : inForce.version;
            return new AgreementList(version, all.stream().map(v -> AgreementView.of(v, version)).toList());
        }));
    }

    @GET
    @Path("/{version}")
    @Operation(summary = "One version of the agreement (any authenticated caller)",
            description = "Problems: 404 NOT_FOUND.")
    public Uni<AgreementView> get(@PathParam("version") String version) {
        return callers.current().flatMap(caller -> service.list().map(all -> {
            var inForce = AgreementService.inForce(all, CityDays.today(clock));
            return all.stream().filter(v -> v.version.equals(version)).findFirst()
                    .map(v -> AgreementView.of(v, inForce == null ? null : inForce.version))
                    .orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND,
                            "no agreement version " + version + " is published"));
        }));
    }
}
