package org.cityplatform.exchange.classification;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cityplatform.exchange.access.Grant;
import org.cityplatform.exchange.access.GrantService;
import org.cityplatform.exchange.agency.Notification;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.calendar.Calendars;
import org.cityplatform.exchange.catalog.CatalogRules;
import org.cityplatform.exchange.catalog.CatalogService;
import org.cityplatform.exchange.catalog.ClassificationStatus;
import org.cityplatform.exchange.catalog.Dataset;
import org.cityplatform.exchange.catalog.DatasetRepository;
import org.cityplatform.exchange.catalog.DatasetStatus;
import org.cityplatform.exchange.catalog.SharingClass;
import org.cityplatform.exchange.classification.ClassificationBodies.Decision;
import org.cityplatform.exchange.classification.ClassificationBodies.Objection;
import org.cityplatform.exchange.classification.ClassificationBodies.Proposal;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * Art. 9: the center classifies each dataset together with its provider. A class at least as
 * strict as the one in force applies at once, for protection, and the provider is told; a less
 * strict one is a proposal that the provider concurs with or objects to within five working days
 * of the official calendar, silence past them counting as concurrence. An objection leaves the
 * stricter class in force until the center decides. Whenever the class changes, the grants it no
 * longer allows end in the same transaction.
 */
@ApplicationScoped
public class ClassificationService {

    static final int PROVIDER_WORKING_DAYS = 5;

    private final DatasetRepository datasets;
    private final CatalogService catalog;
    private final Calendars calendars;
    private final GrantService grants;
    private final NotificationService notifications;
    private final Clock clock;

    ClassificationService(DatasetRepository datasets, CatalogService catalog, Calendars calendars, GrantService grants,
                          NotificationService notifications, Clock clock) {
        this.datasets = datasets;
        this.catalog = catalog;
        this.calendars = calendars;
        this.grants = grants;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** A dataset after a step of the workflow, and the grants that step ended. */
    public record Outcome(Dataset dataset, List<Grant> ended) {
    }

    /** The center's class: applied at once when at least as strict as the one in force, else proposed. */
    @WithTransaction
    public Uni<Outcome> propose(Caller caller, String code, Proposal body) {
        caller.require(Role.CENTER);
        CatalogRules.requireLegalBasis(body.sharingClass(), body.legalBasis());
        return find(code).flatMap(d -> settleIfDue(d).flatMap(settled -> {
            CatalogRules.requireNoSensitiveInUnconditional(body.sharingClass(), d.schema.fields());
            boolean activating = d.status != DatasetStatus.ACTIVE;
            if (d.sharingClass == null || !d.sharingClass.isStricterThan(body.sharingClass())) {
                return apply(d, body.sharingClass(), body.conditions(), body.legalBasis(), caller.sub())
                        .call(o -> activating ? catalog.activated(d) : Uni.createFrom().voidItem())
                        .call(o -> tellProvider(d, "the center classified dataset " + d.code + " " + d.sharingClass
                                + ", in force at once (Art. 9)"));
            }
            return calendars.current().flatMap(days -> {
                OffsetDateTime now = now();
                if (d.status == DatasetStatus.PENDING_CLASSIFICATION) {
                    d.status = DatasetStatus.ACTIVE;
                }
                d.classificationStatus = ClassificationStatus.PROPOSED;
                d.proposedClass = body.sharingClass();
                d.proposedConditions = blankToNull(body.conditions());
                d.proposedLegalBasis = blankToNull(body.legalBasis());
                d.proposedAt = now;
                d.proposedBy = caller.sub();
                d.classificationDue = days.plusWorkingDays(CityDays.today(clock), PROVIDER_WORKING_DAYS);
                d.classificationObjection = null;
                return (activating ? catalog.activated(d) : Uni.createFrom().voidItem()).call(() -> tellProvider(d, "the center proposes to classify dataset " + d.code + " " + d.proposedClass
                        + " instead of " + d.sharingClass + ": concur or object with a reason by " + d.classificationDue
                        + "; silence counts as concurrence (Art. 9)")).replaceWith(new Outcome(d, List.of()));
            });
        }));
    }

    /** The provider agrees with the proposal, which applies at once. */
    @WithTransaction
    public Uni<Outcome> concur(Caller caller, String code) {
        return findAsProvider(caller, code).flatMap(d -> settleIfDue(d).flatMap(settled -> {
            if (settled != null) {
                return Uni.createFrom().item(settled);
            }
            requireStatus(d, ClassificationStatus.PROPOSED, "concur with");
            return apply(d, d.proposedClass, d.proposedConditions, d.proposedLegalBasis, d.proposedBy)
                    .call(o -> tellCenter(d, "agency " + d.provider + " concurred: dataset " + d.code + " is "
                            + d.sharingClass + " (Art. 9)"));
        }));
    }

    /** The provider objects with a reason before the due date: the dispute goes to the center. */
    @WithTransaction
    public Uni<Outcome> object(Caller caller, String code, Objection body) {
        if (body == null || body.reason() == null || body.reason().isBlank()) {
            throw new ProblemException(ProblemCode.REASON_REQUIRED,
                    "an objection to a classification says why the data needs the stricter class (Art. 9)");
        }
        return findAsProvider(caller, code).flatMap(d -> settleIfDue(d).flatMap(settled -> {
            if (settled != null) {
                throw new ProblemException(ProblemCode.INVALID_STATE, "the proposal for dataset " + code + " was due "
                        + d.classificationDue + ": silence counted as concurrence and it applies");
            }
            requireStatus(d, ClassificationStatus.PROPOSED, "object to");
            d.classificationStatus = ClassificationStatus.DISPUTED;
            d.classificationObjection = body.reason().strip();
            return tellCenter(d, "agency " + d.provider + " objects to classifying dataset " + d.code + " "
                    + d.proposedClass + ": " + d.classificationObjection + " (Art. 9)")
                    .replaceWith(new Outcome(d, List.of()));
        }));
    }

    /** The center settles a dispute with the class that applies from now on. */
    @WithTransaction
    public Uni<Outcome> decide(Caller caller, String code, Decision body) {
        caller.require(Role.CENTER);
        return find(code).flatMap(d -> {
            requireStatus(d, ClassificationStatus.DISPUTED, "decide");
            String legalBasis = d.proposedLegalBasis != null ? d.proposedLegalBasis : d.legalBasis;
            CatalogRules.requireLegalBasis(body.sharingClass(), legalBasis);
            CatalogRules.requireNoSensitiveInUnconditional(body.sharingClass(), d.schema.fields());
            String conditions = body.sharingClass() == d.proposedClass ? d.proposedConditions : d.conditions;
            String note = blankToNull(body.note());
            return apply(d, body.sharingClass(), conditions, legalBasis, caller.sub())
                    .call(o -> tellProvider(d, "the center decided the dispute over dataset " + d.code + ": "
                            + d.sharingClass + (note == null ? "" : " (" + note + ")") + " (Art. 9)"));
        });
    }

    /** Applies every proposal whose provider stayed silent past its due date; answers how many. */
    @WithTransaction
    public Uni<List<Outcome>> settleOn(LocalDate today) {
        return datasets.list("classificationStatus = ?1 and classificationDue < ?2", ClassificationStatus.PROPOSED, today)
                .flatMap(due -> {
                    Uni<List<Outcome>> all = Uni.createFrom().item(new java.util.ArrayList<>());
                    for (Dataset d : due) {
                        all = all.call(list -> silence(d).invoke(list::add));
                    }
                    return all;
                });
    }

    private Uni<Outcome> settleIfDue(Dataset d) {
        if (d.classificationStatus == ClassificationStatus.PROPOSED && d.classificationDue != null
                && d.classificationDue.isBefore(CityDays.today(clock))) {
            return silence(d);
        }
        return Uni.createFrom().nullItem();
    }

    private Uni<Outcome> silence(Dataset d) {
        LocalDate due = d.classificationDue;
        return apply(d, d.proposedClass, d.proposedConditions, d.proposedLegalBasis, d.proposedBy)
                .call(o -> tellProvider(d, "no objection by " + due + ": dataset " + d.code + " is " + d.sharingClass
                        + " (silence counts as concurrence, Art. 9)"))
                .call(o -> tellCenter(d, "dataset " + d.code + " is " + d.sharingClass + ": its provider did not object by "
                        + due + " (Art. 9)"));
    }

    private Uni<Outcome> apply(Dataset d, SharingClass sharingClass, String conditions, String legalBasis, String by) {
        SharingClass before = d.sharingClass;
        d.sharingClass = sharingClass;
        d.conditions = blankToNull(conditions);
        d.legalBasis = blankToNull(legalBasis);
        if (d.status == DatasetStatus.PENDING_CLASSIFICATION) {
            d.status = DatasetStatus.ACTIVE; // a classification never revives a retiring or retired dataset
        }
        d.classifiedAt = now();
        d.classifiedBy = by;
        d.classificationStatus = ClassificationStatus.AGREED;
        d.proposedClass = null;
        d.proposedConditions = null;
        d.proposedLegalBasis = null;
        d.proposedAt = null;
        d.proposedBy = null;
        d.classificationDue = null;
        d.classificationObjection = null;
        Uni<Void> open = sharingClass == SharingClass.UNCONDITIONAL ? Uni.createFrom().voidItem()
                // Art. 23, 25: only UNCONDITIONAL data is open data; a provider's consent to publish
                // ends with it, in the same transaction, and is not revived by a later reclassification.
                : datasets.closeOpenData(d.code);
        Uni<List<Grant>> ended = sharingClass == before ? Uni.createFrom().item(List.of())
                : grants.endNotAllowedUnder(d.code, sharingClass, by);
        return open.flatMap(v -> ended).map(list -> new Outcome(d, list));
    }

    private Uni<Dataset> find(String code) {
        return datasets.findById(code).map(d -> {
            if (d == null) {
                throw new ProblemException(ProblemCode.NOT_FOUND, "no dataset " + code + " in the catalog");
            }
            if (d.statusOn(CityDays.today(clock)) == DatasetStatus.RETIRED) {
                throw new ProblemException(ProblemCode.INVALID_STATE,
                        "dataset " + code + " is retired: it keeps the class it had");
            }
            return d;
        });
    }

    private Uni<Dataset> findAsProvider(Caller caller, String code) {
        caller.require(Role.AGENCY);
        return find(code).map(d -> {
            if (!d.provider.equals(caller.agency())) {
                throw new ProblemException(ProblemCode.NOT_PROVIDER,
                        "only the provider of dataset " + code + " answers a proposal for its class (Art. 9)");
            }
            return d;
        });
    }

    private static void requireStatus(Dataset d, ClassificationStatus expected, String step) {
        if (d.classificationStatus != expected) {
            throw new ProblemException(ProblemCode.INVALID_STATE, "cannot " + step + " the classification of dataset "
                    + d.code + ": it is " + d.classificationStatus + ", not " + expected);
        }
    }

    private Uni<Void> tellProvider(Dataset d, String message) {
        return notifications.send(d.provider, NotificationKind.CLASSIFICATION, "dataset " + d.code, message);
    }

    private Uni<Void> tellCenter(Dataset d, String message) {
        return notifications.send(Notification.CENTER, NotificationKind.CLASSIFICATION, "dataset " + d.code, message);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
