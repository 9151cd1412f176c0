package org.cityplatform.exchange.supervision;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cityplatform.exchange.agency.Notification;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.calendar.Calendars;
import org.cityplatform.exchange.catalog.DatasetRepository;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * Rectification orders (Art. 35): the center names a finding, what is required and a number of
 * working days; the order is due that many working days after today on the official calendar.
 * The ordered agency responds with the actions it took; the center closes the order, or, not
 * accepting the response, opens it again with the same number of working days from that day.
 */
@ApplicationScoped
public class RectificationOrderService {

    private final SupervisionRepositories.Orders orders;
    private final Addressees addressees;
    private final DatasetRepository datasets;
    private final NotificationService notifications;
    private final Calendars calendars;
    private final Clock clock;

    RectificationOrderService(SupervisionRepositories.Orders orders, Addressees addressees, DatasetRepository datasets,
                              NotificationService notifications, Calendars calendars, Clock clock) {
        this.orders = orders;
        this.addressees = addressees;
        this.datasets = datasets;
        this.notifications = notifications;
        this.calendars = calendars;
        this.clock = clock;
    }

    /** Art. 35: only the center orders; the agency and, when named, its own dataset must exist. */
    @WithTransaction
    public Uni<RectificationOrder> order(Caller caller, SupervisionBodies.NewOrder body) {
        caller.require(Role.CENTER);
        return addressees.registered(body.agency()).call(agency -> body.dataset() == null ? Uni.createFrom().voidItem()
                : datasets.findById(body.dataset().strip()).invoke(d -> {
                    if (d == null) {
                        throw new ProblemException(ProblemCode.INVALID_REQUEST,
                                "dataset: no dataset " + body.dataset().strip() + " in the catalog");
                    }
                    if (!d.provider.equals(agency)) {
                        throw new ProblemException(ProblemCode.INVALID_REQUEST, "dataset: " + d.code
                                + " is provided by another agency; an order concerns the ordered agency's own data");
                    }
                }).replaceWithVoid())
                .flatMap(agency -> calendars.current().flatMap(days -> {
                    RectificationOrder o = new RectificationOrder();
                    o.agency = agency;
                    o.dataset = body.dataset() == null ? null : body.dataset().strip();
                    o.finding = body.finding().strip();
                    o.required = body.required().strip();
                    o.dueWorkingDays = body.dueWorkingDays();
                    o.status = OrderStatus.OPEN;
                    o.dueOn = days.plusWorkingDays(today(), o.dueWorkingDays);
                    o.orderedAt = now();
                    o.orderedBy = caller.sub();
                    return orders.persist(o);
                }))
                .call(o -> notifications.send(o.agency, NotificationKind.RECTIFICATION_ORDER, subject(o),
                        "the center orders you to rectify" + (o.dataset == null ? "" : " (dataset " + o.dataset + ")")
                                + ": " + NoticeText.quote(o.finding) + ". Required: " + NoticeText.quote(o.required) + ". Respond by " + o.dueOn + " ("
                                + o.dueWorkingDays + " working days, Art. 35)."));
    }

    /** Only the ordered agency responds, and only to an order waiting for its response. */
    @WithTransaction
    public Uni<RectificationOrder> respond(Caller caller, long id, SupervisionBodies.OrderResponse body) {
        caller.require(Role.AGENCY);
        return order(id).flatMap(o -> {
            Addressees.requireSees(caller, o.agency, subject(o));
            requireStatus(o, "be responded to", OrderStatus.OPEN);
            if (o.overdueOn(today())) {
                o.late = true;
            }
            o.actions = body.actions().strip();
            o.respondedAt = now();
            o.respondedBy = caller.sub();
            o.status = OrderStatus.RESPONDED;
            return notifications.send(Notification.CENTER, NotificationKind.RECTIFICATION_ORDER, subject(o),
                    "agency " + o.agency + " responded to order " + o.id + " (due " + o.dueOn + "): " + NoticeText.quote(o.actions))
                    .replaceWith(o);
        });
    }

    /**
     * The center accepts the response and closes the order, or does not accept it, says why, and
     * opens the order again: due the order's number of working days after today, since the
     * agency needs the same time again to act on the center's note.
     */
    @WithTransaction
    public Uni<RectificationOrder> close(Caller caller, long id, SupervisionBodies.OrderClosing body) {
        caller.require(Role.CENTER);
        boolean accepted = body.accepted();
        if (!accepted && (body.note() == null || body.note().isBlank())) {
            throw new ProblemException(ProblemCode.REASON_REQUIRED,
                    "note: not accepting a response says in writing what is still missing");
        }
        return order(id).flatMap(o -> {
            requireStatus(o, "be closed", OrderStatus.RESPONDED);
            o.closeNote = body.note() == null || body.note().isBlank() ? null : body.note().strip();
            if (accepted) {
                o.status = OrderStatus.CLOSED;
                o.closedAt = now();
                o.closedBy = caller.sub();
                return notifications.send(o.agency, NotificationKind.RECTIFICATION_ORDER, subject(o),
                        "the center accepted your response and closed order " + o.id
                                + (o.closeNote == null ? "" : ": " + NoticeText.quote(o.closeNote))).replaceWith(o);
            }
            return calendars.current().flatMap(days -> {
                o.status = OrderStatus.OPEN;
                o.reopened++;
                o.dueOn = days.plusWorkingDays(today(), o.dueWorkingDays);
                return notifications.send(o.agency, NotificationKind.RECTIFICATION_ORDER, subject(o),
                        "the center did not accept your response to order " + o.id + ": " + NoticeText.quote(o.closeNote)
                                + ". Respond again by " + o.dueOn + " (Art. 35).").replaceWith(o);
            });
        });
    }

    @WithSession
    public Uni<RectificationOrder> get(Caller caller, long id) {
        return order(id).invoke(o -> Addressees.requireSees(caller, o.agency, subject(o)));
    }

    @WithSession
    public Uni<List<RectificationOrder>> list(Caller caller, String agency, OrderStatus status, boolean overdue,
                                              int offset, int limit) {
        String whose = Addressees.listedFor(caller, agency);
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (whose != null) {
            where.append(" and agency = :agency");
            params.and("agency", whose);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        if (overdue) {
            where.append(" and status = :open and dueOn < :today");
            params.and("open", OrderStatus.OPEN).and("today", today());
        }
        return orders.find(where + " order by id desc", params).range(offset, offset + limit - 1).list();
    }

    public LocalDate today() {
        return CityDays.today(clock);
    }

    private Uni<RectificationOrder> order(long id) {
        return orders.findById(id).map(o -> {
            if (o == null) {
                throw new ProblemException(ProblemCode.NOT_FOUND, "no rectification order " + id);
            }
            return o;
        });
    }

    private OffsetDateTime now() {
        // Microseconds: what PostgreSQL keeps, so a value read back equals the value written.
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static void requireStatus(RectificationOrder o, String step, OrderStatus allowed) {
        if (o.status != allowed) {
            throw new ProblemException(ProblemCode.INVALID_STATE, "order " + o.id + " is " + o.status
                    + "; only an order " + allowed + " can " + step);
        }
    }

    static String subject(RectificationOrder o) {
        return "order " + o.id;
    }
}
