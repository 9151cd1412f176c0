package org.cityplatform.exchange.needs;

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
import org.cityplatform.exchange.agency.Agency;
import org.cityplatform.exchange.agency.AgencyRepository;
import org.cityplatform.exchange.agency.Notification;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.catalog.DatasetRepository;
import org.cityplatform.exchange.identity.UnifiedSocialCreditCode;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * Data needs (Art. 11): an agency states the data its duties need; the center assigns the agency
 * that should provide it, with a date; the provider (or the center) fulfils it with a dataset of the
 * catalog, or the center declines it in writing. Each step is told to the agency it concerns, with
 * the other side's responsible person (Art. 28) where one is named.
 */
@ApplicationScoped
public class DataNeedService {

    static final int MAX_LISTED = 1000;

    private final DataNeedRepository needs;
    private final AgencyRepository agencies;
    private final DatasetRepository datasets;
    private final NotificationService notifications;
    private final Clock clock;

    DataNeedService(DataNeedRepository needs, AgencyRepository agencies, DatasetRepository datasets,
                    NotificationService notifications, Clock clock) {
        this.needs = needs;
        this.agencies = agencies;
        this.datasets = datasets;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Art. 11: an agency states its own needs; the center assigns them, it does not file them. */
    @WithTransaction
    public Uni<DataNeed> file(Caller caller, DataNeedBodies.FileNeed body) {
        caller.require(Role.AGENCY);
        DataNeed n = new DataNeed();
        n.agency = caller.agency();
        n.description = body.description().strip();
        n.subjectType = body.subjectType();
        n.elements = body.elements().stream().map(String::strip).distinct().toArray(String[]::new);
        n.purpose = body.purpose().strip();
        n.legalDuty = body.legalDuty().strip();
        n.status = DataNeedStatus.OPEN;
        n.filedAt = now();
        n.filedBy = caller.sub();
        return needs.persist(n)
                .call(saved -> notifications.send(Notification.CENTER, NotificationKind.DATA_NEED, subject(saved),
                        "agency " + saved.agency + " needs " + String.join(", ", saved.elements) + " for: "
                                + saved.purpose + " (Art. 11)"));
    }

    @WithTransaction
    public Uni<DataNeed> assign(Caller caller, long id, DataNeedBodies.Assignment body) {
        caller.require(Role.CENTER);
        String provider = UnifiedSocialCreditCode.canonical(body.provider());
        if (body.dueOn().isBefore(today())) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST, "dueOn: must not be in the past");
        }
        return need(id).flatMap(n -> {
            requireStatus(n, "be assigned", DataNeedStatus.OPEN);
            return agencies.findById(provider).flatMap(agency -> {
                if (agency == null) {
                    throw new ProblemException(ProblemCode.INVALID_REQUEST,
                            "provider: agency " + provider + " is not registered");
                }
                n.provider = provider;
                n.dueOn = body.dueOn();
                n.assignedAt = now();
                n.assignedBy = caller.sub();
                n.status = DataNeedStatus.ASSIGNED;
                return agencies.findById(n.agency).flatMap(filer -> notifications.send(provider,
                        NotificationKind.DATA_NEED, subject(n),
                        "the center assigns you the data need of agency " + n.agency + ": " + n.description
                                + " (elements " + String.join(", ", n.elements) + "; purpose " + n.purpose
                                + "). Provide it by " + n.dueOn + " (Art. 11)." + contact(filer)));
            }).replaceWith(n);
        });
    }

    /** The assigned provider names its own dataset; the center may name any dataset of the catalog. */
    @WithTransaction
    public Uni<DataNeed> fulfil(Caller caller, long id, DataNeedBodies.Fulfilment body) {
        return visible(caller, id).flatMap(n -> {
            if (!caller.isCenter() && !caller.actsFor(n.provider)) {
                throw new ProblemException(ProblemCode.NOT_PROVIDER,
                        "only the assigned provider or the center fulfils data need " + n.id);
            }
            requireStatus(n, "be fulfilled", DataNeedStatus.ASSIGNED);
            String code = body.dataset().strip();
            return datasets.findById(code).flatMap(d -> {
                if (d == null) {
                    throw new ProblemException(ProblemCode.NOT_FOUND, "no dataset " + code + " in the catalog");
                }
                if (!caller.isCenter() && !d.provider.equals(caller.agency())) {
                    throw new ProblemException(ProblemCode.NOT_PROVIDER,
                            "dataset " + code + " is not yours: a provider fulfils a need with its own data");
                }
                n.dataset = d.code;
                n.fulfilledAt = now();
                n.fulfilledBy = caller.sub();
                n.status = DataNeedStatus.FULFILLED;
                Uni<Void> told = agencies.findById(d.provider).flatMap(provider -> notifications.send(n.agency,
                        NotificationKind.DATA_NEED, subject(n), "your data need " + n.id + " is fulfilled by dataset "
                                + d.code + " of agency " + d.provider + "; apply to read it (Art. 11)." + contact(provider)));
                return caller.isCenter() ? told : told.call(() -> notifications.send(Notification.CENTER,
                        NotificationKind.DATA_NEED, subject(n), "provider " + n.provider + " fulfilled data need "
                                + n.id + " with dataset " + d.code));
            }).replaceWith(n);
        });
    }

    @WithTransaction
    public Uni<DataNeed> decline(Caller caller, long id, DataNeedBodies.Decline body) {
        caller.require(Role.CENTER);
        if (body == null || body.reason() == null || body.reason().isBlank()) {
            throw new ProblemException(ProblemCode.REASON_REQUIRED, "declining a data need gives its reason in writing");
        }
        return need(id).flatMap(n -> {
            requireStatus(n, "be declined", DataNeedStatus.OPEN, DataNeedStatus.ASSIGNED);
            boolean wasAssigned = n.status == DataNeedStatus.ASSIGNED;
            n.declineReason = body.reason().strip();
            n.declinedAt = now();
            n.declinedBy = caller.sub();
            n.status = DataNeedStatus.DECLINED;
            Uni<Void> told = notifications.send(n.agency, NotificationKind.DATA_NEED, subject(n),
                    "the center declined your data need " + n.id + ": " + n.declineReason);
            return (wasAssigned ? told.call(() -> notifications.send(n.provider, NotificationKind.DATA_NEED,
                    subject(n), "data need " + n.id + " assigned to you was declined by the center: "
                            + n.declineReason)) : told).replaceWith(n);
        });
    }

    /** The center, the filer and the assigned provider see a need; nobody else learns it exists. */
    @WithSession
    public Uni<DataNeed> get(Caller caller, long id) {
        return visible(caller, id);
    }

    @WithSession
    public Uni<List<DataNeed>> list(Caller caller, DataNeedStatus status) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        if (!caller.isCenter()) {
            caller.require(Role.AGENCY);
            where.append(" and (agency = :agency or provider = :agency)");
            params.and("agency", caller.agency());
        }
        return needs.find(where + " order by id desc", params).range(0, MAX_LISTED - 1).list();
    }

    private Uni<DataNeed> visible(Caller caller, long id) {
        return need(id).map(n -> {
            if (!caller.isCenter() && !n.concerns(caller.agency())) {
                throw notFound(id);
            }
            return n;
        });
    }

    private Uni<DataNeed> need(long id) {
        return needs.findById(id).map(n -> {
            if (n == null) {
                throw notFound(id);
            }
            return n;
        });
    }

    private LocalDate today() {
        return CityDays.today(clock);
    }

    private OffsetDateTime now() {
        // Microseconds: what PostgreSQL keeps, so a value read back equals the value written.
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static void requireStatus(DataNeed n, String step, DataNeedStatus... allowed) {
        if (!List.of(allowed).contains(n.status)) {
            throw new ProblemException(ProblemCode.INVALID_STATE, "data need " + n.id + " is " + n.status
                    + "; only a need " + List.of(allowed) + " can " + step);
        }
    }

    /** Whom to reach about the data (Art. 28), when the agency named its responsible person. */
    private static String contact(Agency agency) {
        return agency == null || !agency.hasContact() ? "" : " Contact: " + agency.contactLine() + ".";
    }

    private static String subject(DataNeed n) {
        return "data need " + n.id;
    }

    private static ProblemException notFound(long id) {
        return new ProblemException(ProblemCode.NOT_FOUND, "no data need " + id);
    }
}
