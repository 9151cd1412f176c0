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
import org.cityplatform.exchange.calendar.Calendars;
import org.cityplatform.exchange.catalog.Dataset;
import org.cityplatform.exchange.catalog.DatasetRepository;
import org.cityplatform.exchange.catalog.DatasetStatus;
import org.cityplatform.exchange.catalog.SharingClass;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * Applications for data and their workflow (Art. 18, 19, 4(3)): the center approves or refuses
 * with a written reason, whatever the class and use; for CONDITIONAL data it may consult the
 * provider, who answers within 5 working days and whose refusal needs a written reason. The
 * applicant may withdraw before a decision. Every step is stored with who took it and when.
 */
@ApplicationScoped
public class ApplicationService {

    /** The provider's answer to a consultation is due this many working days after it began. */
    static final int PROVIDER_WORKING_DAYS = 5;

    private final AccessRepositories.Applications applications;
    private final AccessRepositories.Steps steps;
    private final DatasetRepository datasets;
    private final GrantService grants;
    private final NotificationService notifications;
    private final Calendars calendars;
    private final Clock clock;

    ApplicationService(AccessRepositories.Applications applications, AccessRepositories.Steps steps,
                       DatasetRepository datasets, GrantService grants, NotificationService notifications,
                       Calendars calendars, Clock clock) {
        this.applications = applications;
        this.steps = steps;
        this.datasets = datasets;
        this.grants = grants;
        this.notifications = notifications;
        this.calendars = calendars;
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
            if (d.sharingClass != SharingClass.UNCONDITIONAL && body.confidentiality() == null) {
                throw new ProblemException(ProblemCode.CONFIDENTIALITY_REQUIRED, "an application for " + d.sharingClass
                        + " data names who will know it, by name or post, and who acknowledged the duty of "
                        + "confidentiality: confidentiality {\"acknowledgedBy\", \"persons\"} (Art. 24)");
            }
            Application a = new Application();
            a.consumer = caller.agency();
            a.dataset = d.code;
            a.purpose = body.purpose().strip();
            a.fields = body.fields().stream().distinct().toArray(String[]::new);
            a.use = body.use();
            a.validUntil = body.validUntil();
            a.scopes = GrantScope.stored(body.scopes());
            if (body.confidentiality() != null) {
                a.confidentialityAcknowledgedBy = body.confidentiality().acknowledgedBy().strip();
                a.confidentialityPersons = body.confidentiality().persons().stream().map(String::strip)
                        .distinct().toArray(String[]::new);
            }
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

    /**
     * For CONDITIONAL data the center may refer the application to the provider first (Art. 18),
     * who answers within {@value #PROVIDER_WORKING_DAYS} working days on the official calendar.
     */
    @WithTransaction
    public Uni<Application> consult(Caller caller, long id) {
        caller.require(Role.CENTER);
        return application(id).flatMap(a -> requireStatus(a, ApplicationStatus.SUBMITTED, "consult").flatMap(d -> {
            if (d.sharingClass != SharingClass.CONDITIONAL) {
                throw new ProblemException(ProblemCode.INVALID_STATE,
                        "only applications for CONDITIONAL data are referred to their provider (Art. 18)");
            }
            return calendars.current().flatMap(days -> {
                ApplicationStatus from = a.status;
                a.status = ApplicationStatus.CONSULTING;
                a.providerDue = days.plusWorkingDays(today(), PROVIDER_WORKING_DAYS);
                return step(a, from, caller, null)
                        .call(() -> notifications.send(d.provider, NotificationKind.CONSULTATION_REQUESTED,
                                "application " + a.id, "agency " + a.consumer + " applies to read "
                                        + String.join(", ", a.fields) + " of " + d.code + " (" + String.join(", ", a.scopes)
                                        + ") for: " + a.purpose + confidentiality(a) + ". Approve, or refuse with a "
                                        + "written reason, by " + a.providerDue + "."))
                        .replaceWith(a);
            });
        }));
    }

    /** The applicant withdraws its application before a decision; a consulted provider is told. */
    @WithTransaction
    public Uni<Application> withdraw(Caller caller, long id) {
        caller.require(Role.AGENCY);
        return get(caller, id).flatMap(a -> {
            if (!a.consumer.equals(caller.agency())) {
                throw new ProblemException(ProblemCode.FORBIDDEN_ROLE, "only the applicant " + a.consumer
                        + " withdraws its application");
            }
            if (a.status != ApplicationStatus.SUBMITTED && a.status != ApplicationStatus.CONSULTING) {
                throw invalidState(a, "be withdrawn");
            }
            ApplicationStatus from = a.status;
            a.status = ApplicationStatus.WITHDRAWN;
            a.decidedAt = now();
            Uni<Void> told = from != ApplicationStatus.CONSULTING ? Uni.createFrom().voidItem()
                    : dataset(a.dataset).call(d -> notifications.send(d.provider, NotificationKind.APPLICATION_DECIDED,
                            "application " + a.id, "withdrawn by agency " + a.consumer + ": no answer is needed"))
                    .replaceWithVoid();
            return told.call(() -> step(a, from, caller, null)).replaceWith(a);
        });
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

    /**
     * The center refuses, in writing, an application of any class and use before its decision
     * (Art. 18, 19, 4(3)): a DEVELOPMENT application on UNCONDITIONAL data too.
     */
    @WithTransaction
    public Uni<Application> refuse(Caller caller, long id, Refusal body) {
        caller.require(Role.CENTER);
        return application(id).flatMap(a -> {
            if (a.status != ApplicationStatus.SUBMITTED && a.status != ApplicationStatus.CONSULTING) {
                throw invalidState(a, "be refused");
            }
            if (body == null || blank(body.reason())) {
                throw new ProblemException(ProblemCode.REASON_REQUIRED, "a refusal must give its reason in writing");
            }
            return dataset(a.dataset).flatMap(d -> decide(a, d, caller, false, body.reason()));
        });
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

    private static String confidentiality(Application a) {
        return a.confidentialityAcknowledgedBy == null ? "" : "; known only to " + String.join(", ", a.confidentialityPersons)
                + " (confidentiality acknowledged by " + a.confidentialityAcknowledgedBy + ", Art. 24)";
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
