package org.cityplatform.exchange.assessment;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.infra.CityDays;

/**
 * The public report of a published year (Art. 34: results are published): no login, no personal
 * data (agencies and counts only), no script and nothing loaded from outside the gateway, so it
 * reads the same in any browser or printed; its Content-Security-Policy holds the browser to that.
 * The CSV holds the same table.
 */
@Path("/assessment")
public class ReportPage {

    private final AssessmentPublications publications;
    private final Template report;
    private final Template missing;

    ReportPage(AssessmentPublications publications, @Location("assessment/report.html") Template report,
               @Location("assessment/missing.html") Template missing) {
        this.publications = publications;
        this.report = report;
        this.missing = missing;
    }

    /** Inline styles only: no script, no frame, nothing fetched, not even by a form or a base URL. */
    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    @GET
    @Path("/{year: [0-9]{4}}")
    @Produces("text/html; charset=UTF-8")
    public Uni<Response> page(@PathParam("year") int year) {
        return publications.find(year).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Response.status(404).entity(missing.data("year", year).render()));
            }
            Publication p = found.get();
            return publications.find(year - 1).map(previous -> Response.ok(report
                    .data("v", ReportView.of(p, previous, criticisms(p), scoreFormula(p))).render()));
        }).map(answer -> answer.type("text/html; charset=UTF-8").header("Content-Security-Policy", POLICY).build());
    }

    /**
     * The written criticisms (Art. 35, 36) frozen with the year's report, by the addressee's name and
     * the city day they were issued; none is a section that says so.
     */
    static List<ReportView.Criticism> criticisms(Publication p) {
        Map<String, String> names = new HashMap<>();
        p.agencies().forEach(a -> names.put(a.agency(), a.name()));
        return p.criticisms().stream().map(c -> new ReportView.Criticism(c.agency(),
                names.getOrDefault(c.agency(), c.agency()),
                c.issuedAt().atZoneSameInstant(CityDays.ZONE).toLocalDate().toString(), c.text())).toList();
    }

    /**
     * How the score is computed, in words for the public (Art. 33): the formula with the weights the
     * report's scores were computed with; none when the report was not scored.
     */
    static String scoreFormula(Publication p) {
        return p.weights() == null ? null : ScoreFormula.describe(p.weights()).get("zh");
    }

    @GET
    @Path("/{year: [0-9]{4}}.csv")
    @Produces("text/csv; charset=UTF-8")
    public Uni<Response> csv(@PathParam("year") int year) {
        return publications.find(year).map(found -> found
                .map(p -> Response.ok(ReportCsv.of(p)).header("Content-Disposition",
                        "attachment; filename=\"assessment-" + year + ".csv\""))
                .orElseGet(() -> Response.status(404).entity("year " + year + " is not published\r\n"))
                .type("text/csv; charset=UTF-8").build());
    }
}
