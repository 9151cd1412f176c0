package org.cityplatform.exchange.supervision;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * Written criticism (Art. 35, 36): the center criticises an agency in writing, on its own or
 * following a rectification order of that agency. The agency is told and sees it; the assessment
 * counts it, and the year's report publishes it.
 */
@ApplicationScoped
public class CriticismService {

    private final SupervisionRepositories.Criticisms criticisms;
    private final SupervisionRepositories.Orders orders;
    private final Addressees addressees;
    private final NotificationService notifications;
    private final Clock clock;

    CriticismService(SupervisionRepositories.Criticisms criticisms, SupervisionRepositories.Orders orders,
                     Addressees addressees, NotificationService notifications, Clock clock) {
        this.criticisms = criticisms;
        this.orders = orders;
        this.addressees = addressees;
        this.notifications = notifications;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Criticism> criticise(Caller caller, SupervisionBodies.NewCriticism body) {
        caller.require(Role.CENTER);
        return addressees.registered(body.agency())
                .call(agency -> body.order() == null ? Uni.createFrom().voidItem()
                        : orders.findById(body.order()).invoke(o -> {
                            if (o == null) {
                                throw new ProblemException(ProblemCode.INVALID_REQUEST,
                                        "order: no rectification order " + body.order());
                            }
                            if (!o.agency.equals(agency)) {
                                throw new ProblemException(ProblemCode.INVALID_REQUEST, "order: order " + o.id
                                        + " is addressed to another agency; a criticism follows from the agency's own order");
                            }
                        }).replaceWithVoid())
                .flatMap(agency -> {
                    Criticism c = new Criticism();
                    c.agency = agency;
                    c.text = body.text().strip();
                    c.orderId = body.order();
                    c.issuedAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
                    c.issuedBy = caller.sub();
                    return criticisms.persist(c);
                })
                .call(c -> notifications.send(c.agency, NotificationKind.CRITICISM, "criticism " + c.id,
                        "the center criticises you in writing" + (c.orderId == null ? "" : " (order " + c.orderId + ")")
                                + ": " + NoticeText.quote(c.text) + " (Art. 35, 36; published with the year's assessment)"));
    }

    /** The center sees every criticism; an agency only one addressed to it. */
    @WithSession
    public Uni<Criticism> get(Caller caller, long id) {
        return criticisms.findById(id).invoke(found -> {
            if (found == null) {
                throw new ProblemException(ProblemCode.NOT_FOUND, "no criticism " + id);
            }
            Addressees.requireSees(caller, found.agency, "criticism " + id);
        });
    }

    @WithSession
    public Uni<List<Criticism>> list(Caller caller, String agency, int offset, int limit) {
        String whose = Addressees.listedFor(caller, agency);
        return whose == null
                ? criticisms.find("order by id desc").range(offset, offset + limit - 1).list()
                : criticisms.find("agency = :agency order by id desc", Parameters.with("agency", whose))
                        .range(offset, offset + limit - 1).list();
    }
}
