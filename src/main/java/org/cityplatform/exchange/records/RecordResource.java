package org.cityplatform.exchange.records;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.cityplatform.exchange.access.DataUse;
import org.cityplatform.exchange.access.GrantScope;
import org.cityplatform.exchange.pipeline.DataRequest;
import org.cityplatform.exchange.pipeline.DataRequests;
import org.cityplatform.exchange.pipeline.Served;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import org.cityplatform.exchange.audit.AuditAction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/datasets/{code}")
@Authenticated
@Tag(name = "Records", description = "The change feed of a dataset (push, lookup and export: see their routes)")
public class RecordResource {

    static final int MAX_LIMIT = 10_000;
    static final int MAX_WAIT_SECONDS = 60;

    private final DataRequests requests;
    private final ChangeFeed feed;

    RecordResource(DataRequests requests, ChangeFeed feed) {
        this.requests = requests;
        this.feed = feed;
    }

    @GET
    @Path("/changes")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Follow the dataset's changes",
            description = "Every committed change after 'since' (omitted: from the beginning), in commit order per key; "
                    + "removals as deleted:true. Follow 'next'. wait=SECONDS (at most 60) holds the request open until "
                    + "a change commits. A key changed several times between two reads appears once, at its latest "
                    + "version. Problems: 400 INVALID_REQUEST, 403 NO_GRANT, 403 AGREEMENT_REQUIRED, 404 NOT_FOUND, "
                    + "429 RATE_LIMITED (over the agency's quota, with Retry-After).")
    public Uni<Response> changes(@PathParam("code") String code, @QueryParam("since") String since,
                                 @QueryParam("limit") @DefaultValue("1000") String limitText,
                                 @QueryParam("wait") @DefaultValue("0") String waitText,
                                 @HeaderParam(DataUse.HEADER) String use, @Context HttpServerRequest request) {
        DataRequest call = requests.onResource(request, AuditAction.CHANGES, code);
        // Art. 31: every page read, with the range it covered; refusals too.
        return call.audited(() -> {
                    DataUse dataUse = DataUse.ofHeader(use);
                    ChangeCursor cursor = ChangeCursor.decode("since", since);
                    int limit = boundedInt("limit", limitText, 1, MAX_LIMIT);
                    int wait = boundedInt("wait", waitText, 0, MAX_WAIT_SECONDS);
                    return call.authorize(dataUse, GrantScope.SYNC)
                            .flatMap(scope -> feed.read(scope, cursor, limit, Duration.ofSeconds(wait)));
                }, page -> Served.page(since, page.next().encode(), page.keys()))
                .map(page -> Response.ok(page.toJson(), MediaType.APPLICATION_JSON_TYPE).build());
    }

    static int boundedInt(String name, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(ProblemCode.INVALID_REQUEST,
                name + ": must be a whole number from " + min + " to " + max + ", got '" + text + "'");
    }
}
