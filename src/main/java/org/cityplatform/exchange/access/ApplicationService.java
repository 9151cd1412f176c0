package org.cityplatform.exchange.access;

import org.cityplatform.exchange.infra.CityDays;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.access.AccessBodies.ProviderDecision;
import org.cityplatform.exchange.access.AccessBodies.Refusal;
import org.cityplatform.exchange.access.AccessBodies.SubmitApplication;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.catalog.Dataset;
import org.cityplatform.exchange.catalog.DatasetRepository;
import org.cityplatform.exchange.catalog.DatasetStatus;
import org.cityplatform.exchange.catalog.SharingClass;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * Applications for data and their workflow (Art. 18, 19, 4(3)): the center approves; for
 * CONDITIONAL data it may consult the provider, whose refusal needs a written reason; SPECIAL data
 * the center approves or refuses itself. Every step is stored with who took it and when.
 */
@ApplicationScoped
public class ApplicationService {

    private final AccessRepositories.Applications applications;
    private final AccessRepositories.Steps steps;
    private final DatasetRepository datasets;
    private final GrantService grants;
    private final NotificationService notifications;
    private final Clock clock;

    ApplicationService(AccessRepositories.Applications applications, AccessRepositories.Steps steps,
                       DatasetRepository datasets, GrantService grants, NotificationService notifications, Clock clock) {
        this.applications = applications;
        this.steps = steps;
        this.datasets = datasets;
        this.grants = grants;
        this.notifications = notifications;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Application> submit(Caller caller, SubmitApplication body) {
        caller.require(Role.AGENCY);
        if (!body.validUntil().isAfter(today())) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST, "validUntil: must be a date after today");
        }
        grants.requireWithinMaximum(body.validUntil());
        return dataset(body.dataset()).flatMap(d -> {
            if (d.status != DatasetStatus.ACTIVE) {
                // A RETIRING dataset takes no new consumers: they would have to migrate at once (Art. 3, 33).
                throw new ProblemException(ProblemCode.DATASET_NOT_ACTIVE, "dataset " + d.code + " is "
                        + (d.status == DatasetStatus.PENDING_CLASSIFICATION ? "not yet classified" : d.status));
            }
            if (d.provider.equals(caller.agency())) {
                throw new ProblemException(ProblemCode.NOT_NEEDED, "a provider reads its own data without applying");
            }
            if (d.sharingClass == SharingClass.UNCONDITIONAL && body.use() == DataUse.DUTY) {
                throw new ProblemException(ProblemCode.NOT_NEEDED, "UNCONDITIONAL data is read for duties without "
                        + "applying (Art. 17); an application is needed only for DEVELOPMENT use (Art. 4(3))");
            }
            GrantService.requireKnownFields(d, body.fields());
            Application a = new Application();
            a.consumer = caller.agency();
            a.dataset = d.code;
            a.purpose = body.purpose().strip();
            a.fields = body.fields().stream().distinct().toArray(String[]::new);
            a.use = body.use();
            a.validUntil = body.validUntil();
            a.status = ApplicationStatus.SUBMITTED;
            a.submittedAt = now();
            a.submittedBy = caller.sub();
            return applications.persist(a).call(saved -> step(saved, null, caller, null));
        });
    }

    /** The center approves: a grant exists from now on, and the provider is told (Art. 18, 19). */
    @WithTransaction
    public Uni<Application> approve(Caller caller, long id) {
        caller.require(Role.CENTER);
        return application(id).flatMap(a -> requireStatus(a, ApplicationStatus.SUBMITTED, "approve")
                .flatMap(d -> decide(a, d, caller, true, null)));
    }

    /** For CONDITIONAL data the center may refer the application to the provider first (Art. 18). */
    @WithTransaction
    public Uni<Application> consult(Caller caller, long id) {
        caller.require(Role.CENTER);
        return application(id).flatMap(a -> requireStatus(a, ApplicationStatus.SUBMITTED, "consult").flatMap(d -> {
            if (d.sharingClass != SharingClass.CONDITIONAL) {
                throw new ProblemException(ProblemCode.INVALID_STATE,
                        "only applications for CONDITIONAL data are referred to their provider (Art. 18)");
            }
            ApplicationStatus from = a.status;
            a.status = ApplicationStatus.CONSULTING;
            return step(a, from, caller, null)
                    .call(() -> notifications.send(d.provider, NotificationKind.CONSULTATION_REQUESTED,
                            "application " + a.id, "agency " + a.consumer + " applies to read " + String.join(", ", a.fields)
                                    + " of " + d.code + " for: " + a.purpose + ". Approve, or refuse with a written reason."))
                    .replaceWith(a);
        }));
    }

    /** The provider's answer to a consultation; a refusal must say why, in writing (Art. 18). */
    @WithTransaction
    public Uni<Application> providerDecision(Caller caller, long id, ProviderDecision body) {
        return application(id).flatMap(a -> dataset(a.dataset).flatMap(d -> {
            if (!caller.actsFor(d.provider)) {
                throw new ProblemException(ProblemCode.NOT_PROVIDER, "only the provider " + d.provider + " answers");
            }
            if (a.status != ApplicationStatus.CONSULTING) {
                throw invalidState(a, "answer");
            }
            if (!body.approve() && blank(body.reason())) {
                throw new ProblemException(ProblemCode.REASON_REQUIRED, "a refusal must give its reason in writing (Art. 18)");
            }
            return decide(a, d, caller, body.approve(), body.reason());
        }));
    }

    /** SPECIAL data: the center refuses itself, with a reason (Art. 19). */
    @WithTransaction
    public Uni<Application> refuse(Caller caller, long id, Refusal body) {
        caller.require(Role.CENTER);
        return application(id).flatMap(a -> requireStatus(a, ApplicationStatus.SUBMITTED, "refuse").flatMap(d -> {
            if (d.sharingClass != SharingClass.SPECIAL) {
                throw new ProblemException(ProblemCode.INVALID_STATE, "the center refuses only applications for SPECIAL "
                        + "data (Art. 19); CONDITIONAL ones are refused by their provider after consultation (Art. 18)");
            }
            if (body == null || blank(body.reason())) {
                throw new ProblemException(ProblemCode.REASON_REQUIRED, "a refusal must give its reason in writing");
            }
            return decide(a, d, caller, false, body.reason());
        }));
    }

    @WithSession
    public Uni<Application> get(Caller caller, long id) {
        return application(id).flatMap(a -> dataset(a.dataset).map(d -> {
            if (!caller.isCenter() && !a.consumer.equals(caller.agency()) && !d.provider.equals(caller.agency())) {
                throw notFound(id);
            }
            return a;
        }));
    }

    @WithSession
    public Uni<List<ApplicationStep>> steps(long id) {
        return steps.of(id);
    }

    /** The center sees all; an agency its own applications and those on its datasets. */
    @WithSession
    public Uni<List<Application>> list(Caller caller, ApplicationStatus status, String dataset) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = VisibleRows.of(caller, params);
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        if (dataset != null) {
            where.append(" and dataset = :dataset");
            params.put("dataset", dataset);
        }
        return applications.find(where + " order by id desc", params).range(0, 999).list();
    }

    private Uni<Application> decide(Application a, Dataset d, Caller caller, boolean approve, String reason) {
        ApplicationStatus from = a.status;
        a.status = approve ? ApplicationStatus.APPROVED : ApplicationStatus.REFUSED;
        a.reason = blank(reason) ? null : reason.strip();
        a.decidedAt = now();
        Uni<Void> outcome = approve
                ? grants.fromApplication(a, caller).invoke(g -> a.grantId = g.id).replaceWithVoid()
                        .call(() -> notifications.send(d.provider, NotificationKind.APPLICATION_DECIDED, "application " + a.id,
                                "approved: agency " + a.consumer + " may read " + String.join(", ", a.fields) + " of "
                                        + d.code + " for " + a.use.name().toLowerCase() + " use until " + a.validUntil))
                : Uni.createFrom().voidItem();
        return outcome
                .call(() -> notifications.send(a.consumer, NotificationKind.APPLICATION_DECIDED, "application " + a.id,
                        (approve ? "approved" : "refused: " + a.reason) + " (dataset " + d.code + ")"))
                .call(() -> step(a, from, caller, a.reason))
                .replaceWith(a);
    }

    private Uni<Dataset> requireStatus(Application a, ApplicationStatus expected, String action) {
        if (a.status != expected) {
            throw invalidState(a, action);
        }
        return dataset(a.dataset);
    }

    private Uni<Void> step(Application a, ApplicationStatus from, Caller caller, String note) {
        ApplicationStep s = new ApplicationStep();
        s.application = a.id;
        s.fromStatus = from;
        s.toStatus = a.status;
        s.bySub = caller.sub();
        s.byAgency = caller.agency();
        s.note = note;
        s.at = now();
        return steps.persist(s).replaceWithVoid();
    }

    private Uni<Application> application(long id) {
        return applications.findById(id).map(a -> {
            if (a == null) {
                throw notFound(id);
            }
            return a;
        });
    }

    private Uni<Dataset> dataset(String code) {
        return datasets.findById(code).map(d -> {
            if (d == null) {
                throw new ProblemException(ProblemCode.NOT_FOUND, "no dataset " + code + " in the catalog");
            }
            return d;
        });
    }

    private static ProblemException invalidState(Application a, String action) {
        return new ProblemException(ProblemCode.INVALID_STATE,
                "application " + a.id + " is " + a.status + ": it cannot " + action + " now");
    }

    private static ProblemException notFound(long id) {
        return new ProblemException(ProblemCode.NOT_FOUND, "no application " + id);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private LocalDate today() {
        return CityDays.today(clock);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
