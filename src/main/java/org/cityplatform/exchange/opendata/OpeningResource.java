package org.cityplatform.exchange.opendata;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.cityplatform.exchange.opendata.OpenDataBodies.OpeningList;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The center's list of openings to approve, approved, refused or suspended (Art. 24). */
@Path("/api/v1/openings")
@Authenticated
@Tag(name = "Open data", description = "Datasets their providers publish to everyone (Art. 23, 25)")
public class OpeningResource {

    private final OpeningService approvals;
    private final Callers callers;

    OpeningResource(OpeningService approvals, Callers callers) {
        this.approvals = approvals;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "Every opening with its state and assessment (the center only)",
            description = "?state=PENDING_APPROVAL|OPEN|REFUSED|SUSPENDED narrows the list. An approved opening past "
                    + "its reviewDue reads SUSPENDED from the day after. Problems: 400 INVALID_REQUEST (an unknown "
                    + "state), 403 FORBIDDEN_ROLE.")
    public Uni<OpeningList> list(@QueryParam("state") String state) {
        OpeningState wanted = stateOf(state);
        return callers.current().flatMap(caller -> approvals.list(caller, wanted)).map(OpeningList::new);
    }

    private static OpeningState stateOf(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return OpeningState.valueOf(state.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST,
                    "state: one of PENDING_APPROVAL, OPEN, REFUSED, SUSPENDED; was " + state.strip());
        }
    }
}
