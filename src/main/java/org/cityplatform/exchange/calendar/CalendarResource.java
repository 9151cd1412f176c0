package org.cityplatform.exchange.calendar;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Callers;
import org.cityplatform.exchange.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/calendar")
@Authenticated
@Tag(name = "Calendar", description = "Public holidays and adjusted working days for the deadlines of objections (Art. 20)")
public class CalendarResource {

    private final CalendarStore store;
    private final Calendars calendars;
    private final Callers callers;

    CalendarResource(CalendarStore store, Calendars calendars, Callers callers) {
        this.store = store;
        this.calendars = calendars;
        this.callers = callers;
    }

    @GET
    @Path("/{year}")
    @Operation(summary = "A year's public holidays and adjusted working days (any authenticated caller)",
            description = "The shape of the holiday-cn files. A year known with no days is not published yet. "
                    + "Problems: 400 INVALID_REQUEST, 404 NOT_FOUND.")
    public Uni<CalendarDocument> get(@PathParam("year") String year) {
        int y = CalendarDocument.year(year);
        return callers.current()
                .chain(caller -> store.year(y))
                .map(found -> found.map(CalendarDocument::of).orElseThrow(() ->
                        new ProblemException(ProblemCode.NOT_FOUND, "no calendar for " + y)));
    }

    @PUT
    @Path("/{year}")
    @Operation(summary = "Replace a year's public holidays and adjusted working days (center)",
            description = "Deadlines computed before keep their dates; later ones use this calendar, on every "
                    + "instance within a second. `year` must equal the path's; every date lies within the year or "
                    + "the month before or after it; no date twice. Problems: 400 INVALID_REQUEST (naming the "
                    + "offending date), 403 FORBIDDEN_ROLE.")
    public Uni<CalendarDocument> put(@PathParam("year") String year, @NotNull CalendarDocument body) {
        int y = CalendarDocument.year(year);
        return callers.current().chain(caller -> {
            caller.require(Role.CENTER);
            CalendarYear validated = body.toYear(y);
            return store.save(validated, caller.sub())
                    .chain(() -> calendars.announce(y))
                    .chain(calendars::reload)
                    .replaceWith(CalendarDocument.of(validated));
        });
    }
}
