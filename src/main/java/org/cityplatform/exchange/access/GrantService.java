package org.cityplatform.exchange.access;

import org.cityplatform.exchange.infra.CityDays;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.cityplatform.exchange.access.AccessBodies.Designation;
import org.cityplatform.exchange.agency.AgencyRepository;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.catalog.Dataset;
import org.cityplatform.exchange.catalog.DatasetRepository;
import org.cityplatform.exchange.catalog.DatasetStatus;
import org.cityplatform.exchange.catalog.FieldDefinition;
import org.cityplatform.exchange.catalog.SharingClass;
import org.cityplatform.exchange.identity.UnifiedSocialCreditCode;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * Grants: made by an approved application, or by the center's direct designation of a consumer
 * (how SPECIAL consumers are named, Art. 19); revoked by the center. Callers announce a change
 * over {@link Invalidations} once it has committed.
 */
@ApplicationScoped
public class GrantService {

    private final AccessRepositories.Grants grants;
    private final DatasetRepository datasets;
    private final AgencyRepository agencies;
    private final NotificationService notifications;
    private final Clock clock;
    private final Period maxGrantPeriod;

    GrantService(AccessRepositories.Grants grants, DatasetRepository datasets, AgencyRepository agencies,
                 NotificationService notifications, Clock clock, AccessSettings settings) {
        this.grants = grants;
        this.datasets = datasets;
        this.agencies = agencies;
        this.notifications = notifications;
        this.clock = clock;
        this.maxGrantPeriod = settings.maxGrantPeriod();
    }

    /** Refuses a validUntil further ahead than the longest a grant may run (exchange.access.max-grant-period). */
    void requireWithinMaximum(LocalDate validUntil) {
        LocalDate latest = today().plus(maxGrantPeriod);
        if (validUntil.isAfter(latest)) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST, "validUntil: a grant runs at most "
                    + maxGrantPeriod + " (ISO 8601 period), so until " + latest + " at the latest; asked for " + validUntil);
        }
    }

    /** Within the approving transaction. */
    Uni<Grant> fromApplication(Application a, Caller approver) {
        Grant g = grant(a.consumer, a.dataset, a.fields, a.purpose, a.use, a.validUntil, approver);
        g.application = a.id;
        g.scopes = a.scopes;
        g.confidentialityAcknowledgedBy = a.confidentialityAcknowledgedBy;
        g.confidentialityPersons = a.confidentialityPersons;
        return grants.persist(g);
    }

    /** Art. 19: the center names a consumer directly. */
    @WithTransaction
    public Uni<Grant> designate(Caller caller, Designation body) {
        caller.require(Role.CENTER);
        String consumer = UnifiedSocialCreditCode.canonical(body.consumer());
        if (body.validUntil().isBefore(today())) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST, "validUntil: must not be in the past");
        }
        requireWithinMaximum(body.validUntil());
        return agencies.findById(consumer).flatMap(agency -> {
            if (agency == null) {
                throw new ProblemException(ProblemCode.INVALID_REQUEST, "consumer: agency " + consumer + " is not registered");
            }
            return datasets.findById(body.dataset());
        }).flatMap(d -> {
            if (d == null) {
                throw new ProblemException(ProblemCode.NOT_FOUND, "no dataset " + body.dataset() + " in the catalog");
            }
            if (d.statusOn(today()) == DatasetStatus.RETIRED) {
                throw new ProblemException(ProblemCode.DATASET_NOT_ACTIVE,
                        "dataset " + d.code + " was retired on " + d.retirementEffectiveOn + " (Art. 3, 33)");
            }
            requireKnownFields(d, body.fields());
            Grant g = grant(consumer, d.code, body.fields().stream().distinct().toArray(String[]::new),
                    body.purpose().strip(), body.use(), body.validUntil(), caller);
            g.scopes = GrantScope.stored(body.scopes());
            if (body.confidentiality() != null) {
                g.confidentialityAcknowledgedBy = body.confidentiality().acknowledgedBy().strip();
                g.confidentialityPersons = body.confidentiality().persons().stream().map(String::strip).toArray(String[]::new);
            }
            return grants.persist(g)
                    .call(saved -> notifications.send(consumer, NotificationKind.GRANT_CHANGED, "grant " + saved.id,
                            "designated by the center to read " + String.join(", ", saved.fields) + " of " + d.code
                                    + " (" + String.join(", ", saved.scopes) + ") until " + saved.validUntil + " (Art. 19)"))
                    .call(saved -> notifications.send(d.provider, NotificationKind.GRANT_CHANGED, "grant " + saved.id,
                            "agency " + consumer + " was designated to read " + String.join(", ", saved.fields) + " of "
                                    + d.code + " until " + saved.validUntil));
        });
    }

    @WithTransaction
    public Uni<Grant> revoke(Caller caller, long id) {
        caller.require(Role.CENTER);
        return grants.findById(id).flatMap(g -> {
            if (g == null) {
                throw new ProblemException(ProblemCode.NOT_FOUND, "no grant " + id);
            }
            if (g.revokedAt != null) {
                return Uni.createFrom().item(g); // revoking twice changes nothing
            }
            g.revokedAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
            g.revokedBy = caller.sub();
            return notifications.send(g.consumer, NotificationKind.GRANT_CHANGED, "grant " + g.id,
                    "revoked: reading " + g.dataset + " under this grant is no longer allowed").replaceWith(g);
        });
    }

    /**
     * Ends, within the caller's transaction, the grants on a dataset its new class no longer
     * allows, and tells their holders: SPECIAL data is read only by consumers the center designates
     * (Art. 19), so grants that came from applications end when a dataset becomes SPECIAL.
     */
    public Uni<List<Grant>> endNotAllowedUnder(String dataset, SharingClass sharingClass, String by) {
        if (sharingClass != SharingClass.SPECIAL) {
            return Uni.createFrom().item(List.of());
        }
        return grants.list("dataset = ?1 and revokedAt is null and application is not null", dataset).call(ended -> {
            OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
            Uni<Void> told = Uni.createFrom().voidItem();
            for (Grant g : ended) {
                g.revokedAt = now;
                g.revokedBy = by;
                told = told.call(() -> notifications.send(g.consumer, NotificationKind.GRANT_CHANGED, "grant " + g.id,
                        "ended: " + dataset + " is now SPECIAL data, read only by consumers the center designates (Art. 19)"));
            }
            return told;
        });
    }

    /** The center sees every grant; an agency those it holds and those on its datasets. */
    @WithSession
    public Uni<List<Grant>> list(Caller caller, String consumer, String dataset) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = VisibleRows.of(caller, params);
        if (consumer != null) {
            where.append(" and consumer = :consumer");
            params.put("consumer", UnifiedSocialCreditCode.canonical(consumer));
        }
        if (dataset != null) {
            where.append(" and dataset = :dataset");
            params.put("dataset", dataset);
        }
        return grants.find(where + " order by id desc", params).range(0, 999).list();
    }

    LocalDate today() {
        return CityDays.today(clock);
    }

    /** Art. 24: fields named in an application or a grant must exist in the dataset (400 UNKNOWN_FIELD). */
    static void requireKnownFields(Dataset d, List<String> fields) {
        Set<String> known = d.schema.fields().stream().map(FieldDefinition::name).collect(Collectors.toSet());
        List<String> unknown = fields.stream().filter(f -> !known.contains(f)).toList();
        if (!unknown.isEmpty()) {
            throw new ProblemException(ProblemCode.UNKNOWN_FIELD,
                    "dataset " + d.code + " has no field " + String.join(", ", unknown) + "; its fields are "
                            + String.join(", ", known.stream().sorted().toList()));
        }
    }

    private Grant grant(String consumer, String dataset, String[] fields, String purpose, DataUse use, LocalDate until,
                        Caller by) {
        Grant g = new Grant();
        g.consumer = consumer;
        g.dataset = dataset;
        g.fields = fields;
        g.purpose = purpose;
        g.use = use;
        g.validUntil = until;
        g.grantedAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        g.grantedBy = by.sub();
        return g;
    }
}
