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
import org.cityplatform.exchange.audit.AuditSearch;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * Violations (Art. 36): the center records that an agency broke an article of the measures,
 * citing the audit events that show it (Art. 31). Evidence that is not in the trail is refused:
 * a finding the center cannot show is no finding. The agency is told and sees it; the assessment
 * counts it.
 */
@ApplicationScoped
public class ViolationService {

    private final SupervisionRepositories.Violations violations;
    private final Addressees addressees;
    private final AuditSearch audit;
    private final NotificationService notifications;
    private final Clock clock;

    ViolationService(SupervisionRepositories.Violations violations, Addressees addressees, AuditSearch audit,
                     NotificationService notifications, Clock clock) {
        this.violations = violations;
        this.addressees = addressees;
        this.audit = audit;
        this.notifications = notifications;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Violation> record(Caller caller, SupervisionBodies.NewViolation body) {
        caller.require(Role.CENTER);
        List<Long> evidence = body.evidence().stream().distinct().sorted().toList();
        return addressees.registered(body.agency())
                .call(agency -> audit.existing(evidence).invoke(found -> {
                    List<Long> missing = evidence.stream().filter(id -> !found.contains(id)).toList();
                    if (!missing.isEmpty()) {
                        throw new ProblemException(ProblemCode.INVALID_REQUEST,
                                "evidence: no audit event " + missing + " in the trail");
                    }
                }))
                .flatMap(agency -> {
                    Violation v = new Violation();
                    v.agency = agency;
                    v.article = body.article();
                    v.description = body.description().strip();
                    v.evidence = evidence.toArray(Long[]::new);
                    v.recordedAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
                    v.recordedBy = caller.sub();
                    return violations.persist(v);
                })
                .call(v -> notifications.send(v.agency, NotificationKind.VIOLATION, "violation " + v.id,
                        "the center recorded a violation of " + v.article + " by your agency: " + NoticeText.quote(v.description)
                                + " (evidence: audit events " + List.of(v.evidence) + "; Art. 36)"));
    }

    /** The center sees every violation; an agency only one addressed to it. */
    @WithSession
    public Uni<Violation> get(Caller caller, long id) {
        return violations.findById(id).invoke(found -> {
            if (found == null) {
                throw new ProblemException(ProblemCode.NOT_FOUND, "no violation " + id);
            }
            Addressees.requireSees(caller, found.agency, "violation " + id);
        });
    }

    @WithSession
    public Uni<List<Violation>> list(Caller caller, String agency, int offset, int limit) {
        String whose = Addressees.listedFor(caller, agency);
        return whose == null
                ? violations.find("order by id desc").range(offset, offset + limit - 1).list()
                : violations.find("agency = :agency order by id desc", Parameters.with("agency", whose))
                        .range(offset, offset + limit - 1).list();
    }
}
