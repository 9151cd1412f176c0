package org.cityplatform.exchange.supervision;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.cityplatform.exchange.problem.EnumParameter;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Callers;
import org.cityplatform.exchange.supervision.SupervisionBodies.OrderList;
import org.cityplatform.exchange.supervision.SupervisionBodies.OrderView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/orders")
@Authenticated
@Tag(name = "Supervision", description = "Rectification orders, written criticism and violations (Art. 35, 36)")
public class RectificationOrderResource {

    private final RectificationOrderService service;
    private final Callers callers;

    RectificationOrderResource(RectificationOrderService service, Callers callers) {
        this.service = service;
        this.callers = callers;
    }

    @POST
    @Operation(summary = "Order an agency to rectify a finding (center, Art. 35)",
            description = "{\"agency\",\"dataset\",\"finding\",\"required\",\"dueWorkingDays\"}: dataset optional, the "
                    + "agency's own; due that many working days (1 to 60) after today on the official calendar. OPEN, "
                    + "the agency is told. Problems: 400 INVALID_REQUEST, 400 INVALID_KEY, 403 FORBIDDEN_ROLE.")
    public Uni<Response> order(@Valid @NotNull SupervisionBodies.NewOrder body) {
        return callers.current().flatMap(caller -> service.order(caller, body))
                .map(o -> Response.created(URI.create("/api/v1/orders/" + o.id)).entity(view(o)).build());
    }

    @POST
    @Path("/{id}/response")
    @Operation(summary = "Respond to an OPEN order with the actions taken (the ordered agency)",
            description = "{\"actions\"}; RESPONDED, the center is told; a response after dueOn leaves the order late. "
                    + "Problems: 400 INVALID_REQUEST, 403 FORBIDDEN_ROLE, 403 NOT_ADDRESSEE, 404 NOT_FOUND, "
                    + "409 INVALID_STATE.")
    public Uni<OrderView> respond(@PathParam("id") long id, @Valid @NotNull SupervisionBodies.OrderResponse body) {
        return callers.current().flatMap(caller -> service.respond(caller, id, body)).map(this::view);
    }

    @POST
    @Path("/{id}/close")
    @Operation(summary = "Accept a RESPONDED order's response and close it, or open it again (center)",
            description = "{\"accepted\",\"note\"}: accepted, CLOSED; not accepted, the note is required and the order "
                    + "is OPEN again, due dueWorkingDays working days after today. Problems: 400 INVALID_REQUEST, "
                    + "400 REASON_REQUIRED, 403 FORBIDDEN_ROLE, 404 NOT_FOUND, 409 INVALID_STATE.")
    public Uni<OrderView> close(@PathParam("id") long id, @Valid @NotNull SupervisionBodies.OrderClosing body) {
        return callers.current().flatMap(caller -> service.close(caller, id, body)).map(this::view);
    }

    @GET
    @Operation(summary = "Rectification orders the caller may see",
            description = "The center sees all, an agency those addressed to it; filters agency, status, overdue=true "
                    + "(OPEN past dueOn); offset and limit, newest first. Problems: 400 INVALID_REQUEST, "
                    + "400 INVALID_KEY, 403 FORBIDDEN_ROLE, 403 NOT_ADDRESSEE.")
    public Uni<OrderList> list(@QueryParam("agency") String agency, @QueryParam("status") String status,
                               @QueryParam("overdue") String overdue,
                               @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                               @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit) {
        OrderStatus wanted = EnumParameter.parse(OrderStatus.class, "status", status);
        boolean onlyOverdue = flag("overdue", overdue);
        return callers.current()
                .flatMap(caller -> service.list(caller, agency, wanted, onlyOverdue, offset, limit))
                .map(all -> new OrderList(all.stream().map(this::view).toList()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One rectification order (the center, the ordered agency)",
            description = "Problems: 403 FORBIDDEN_ROLE, 403 NOT_ADDRESSEE, 404 NOT_FOUND.")
    public Uni<OrderView> get(@PathParam("id") long id) {
        return callers.current().flatMap(caller -> service.get(caller, id)).map(this::view);
    }

    private OrderView view(RectificationOrder o) {
        return OrderView.of(o, service.today());
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new ProblemException(ProblemCode.INVALID_REQUEST, name + ": true or false, got '" + value + "'");
    }
}
