package org.cityplatform.exchange.assessment;

import org.cityplatform.exchange.infra.CityDays;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.cityplatform.exchange.access.ReadAccess;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Callers;
import org.cityplatform.exchange.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/assessment")
@Authenticated
@Tag(name = "Assessment", description = "The yearly assessment of every agency (Art. 33–36)")
public class AssessmentResource {

    /** The figures of every agency (or of the calling agency) for the period. */
    public record Assessment(LocalDate from, LocalDate to, List<AgencyAssessment> agencies) {
    }

    /**
     * Optional advice to each agency, by agency code, published with the figures (Art. 34); interim
     * true publishes an interim report, absent or false the year's final one.
     */
    public record PublishRequest(Map<String, String> advice, Boolean interim) {
    }

    private final AssessmentFigures figures;
    private final AssessmentPublications publications;
    private final AssessmentRequirements requirements;
    private final Callers callers;
    private final Clock clock;

    AssessmentResource(AssessmentFigures figures, AssessmentPublications publications,
                       AssessmentRequirements requirements, Callers callers, Clock clock) {
        this.figures = figures;
        this.publications = publications;
        this.requirements = requirements;
        this.callers = callers;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Assessment figures for a period (Art. 34)",
            description = "from and to are dates (the city's days, both included); by default this year so far. The center "
                    + "sees every agency, an agency itself. Problems: 400 INVALID_REQUEST, 403 FORBIDDEN_ROLE.")
    public Uni<Assessment> assess(@QueryParam("from") String fromText, @QueryParam("to") String toText) {
        LocalDate today = CityDays.today(clock);
        LocalDate from = date("from", fromText, today.withDayOfYear(1));
        LocalDate to = date("to", toText, today);
        if (to.isBefore(from)) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST, "to (" + to + ") is before from (" + from + ")");
        }
        if (from.plusYears(5).isBefore(to)) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST, "a period is at most five years");
        }
        return callers.current().flatMap(caller -> {
            if (!caller.isCenter()) {
                caller.require(Role.AGENCY);
            }
            return figures.of(from, to).map(all -> new Assessment(from, to, caller.isCenter() ? all
                    : all.stream().filter(a -> a.agency().equals(caller.agency())).toList()));
        });
    }

    @POST
    @Path("/{year}/publish")
    @Operation(summary = "Publish a year's assessment (center)",
            description = "Publishes every agency's figures of that year with the center's advice; the public report "
                    + "is then at /assessment/{year}. {\"interim\":true} publishes an interim report (figures to today "
                    + "for the current year) that the next publication replaces; otherwise the final report, only once "
                    + "the year has ended in the city's time, frozen from then on. Problems: 400 INVALID_REQUEST, "
                    + "403 FORBIDDEN_ROLE, 409 YEAR_NOT_ENDED (final report of a year not ended), 409 INVALID_STATE "
                    + "(the final report is already published).")
    public Uni<Response> publish(@PathParam("year") int year, PublishRequest body) {
        return callers.current().flatMap(caller -> {
            caller.require(Role.CENTER);
            return publications.publish(year, body == null ? null : body.advice(),
                    body != null && Boolean.TRUE.equals(body.interim()), caller.sub());
        }).map(p -> Response.created(URI.create("/assessment/" + p.year())).entity(p).build());
    }

    @PUT
    @Path("/{year}/requirements")
    @Operation(summary = "Set a year's requirements and score weights (center, Art. 33)",
            description = "{\"datasets\":[{\"code\",\"updateCycle\"}],\"weights\":{measure: number},\"notes\"}: the "
                    + "datasets required (known codes, each once, at most 5000) at the update cycle they are judged by, "
                    + "and the relative weights of the score's measures (timeliness, objections, applications, "
                    + "consultations; 0 or from 0.001 to 1000000, summing above 0). Replaces the year's earlier "
                    + "requirements until the year is published. Problems: 400 INVALID_REQUEST, 403 FORBIDDEN_ROLE, 409 INVALID_STATE "
                    + "(the year is published).")
    public Uni<AssessmentRequirements.Requirements> setRequirements(@PathParam("year") int year,
                                                                    AssessmentRequirements.SetRequirements body) {
        return callers.current().flatMap(caller -> {
            caller.require(Role.CENTER);
            return requirements.set(year, body, caller.sub());
        });
    }

    @GET
    @Path("/{year}/requirements")
    @Operation(summary = "A year's requirements and score weights (Art. 33)",
            description = "What the center requires of each provider for the year and how the score weighs the "
                    + "measures, with the formula stated in Chinese and English (method.zh, method.en). Problems: "
                    + "400 INVALID_REQUEST, 403 FORBIDDEN_ROLE, 404 NOT_FOUND (none set for the year).")
    public Uni<AssessmentRequirements.Requirements> requirements(@PathParam("year") int year) {
        return callers.current().flatMap(caller -> {
            if (!caller.isCenter()) {
                caller.require(Role.AGENCY);
            }
            return requirements.find(year);
        }).map(found -> found.orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND,
                "no requirements are set for " + year)));
    }

    static LocalDate date(String name, String text, LocalDate absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            LocalDate date = LocalDate.parse(text.strip());
            if (date.getYear() < 2000 || date.getYear() > 2200) {
                throw new ProblemException(ProblemCode.INVALID_REQUEST, name + ": a year from 2000 to 2200");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST, name + ": a date YYYY-MM-DD, got '" + text + "'");
        }
    }
}
