package org.cityplatform.exchange.assessment;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The public report of a published year (Art. 34: results are published): no login, no personal
 * data (agencies and counts only), no script and nothing loaded from outside the gateway, so it
 * reads the same in any browser or printed. The CSV holds the same table.
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

    @GET
    @Path("/{year: [0-9]{4}}")
    @Produces("text/html; charset=UTF-8")
    public Uni<Response> page(@PathParam("year") int year) {
        return publications.find(year).map(found -> found
                .map(p -> Response.ok(report.data("p", p).data("charts", ReportCharts.of(p.agencies())).render()))
                .orElseGet(() -> Response.status(404).entity(missing.data("year", year).render()))
                .type("text/html; charset=UTF-8").build());
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
