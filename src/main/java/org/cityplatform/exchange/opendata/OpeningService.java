package org.cityplatform.exchange.opendata;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cityplatform.exchange.agency.Notification;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.identity.SubjectType;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.opendata.OpenDataBodies.Approval;
import org.cityplatform.exchange.opendata.OpenDataBodies.Assessment;
import org.cityplatform.exchange.opendata.OpenDataBodies.OpeningView;
import org.cityplatform.exchange.opendata.OpenDataBodies.Refusal;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * The center's approval of opening personal data (Art. 24): a PERSON dataset's opening is
 * published only once the center approved it with a security assessment, until the assessment's
 * review date; the center may refuse it with a reason. The decision and its notice to the
 * provider are written in one transaction.
 */
@ApplicationScoped
public class OpeningService {

    /** An assessment is reviewed at least this often: an approval never stands for longer. */
    static final Period LONGEST_REVIEW = Period.ofYears(3);

    private static final String APPROVE = "UPDATE open_datasets SET state = 'OPEN', assessed_by = :by, "
            + "assessment_conclusion = :conclusion, review_due = :due, refusal_reason = NULL, decided_at = :at, "
            + "decided_by = :sub, review_notice_at = NULL WHERE dataset = :code AND state <> 'REFUSED' "
            + "AND changed_at = :changed";
    private static final String REFUSE = "UPDATE open_datasets SET state = 'REFUSED', assessed_by = NULL, "
            + "assessment_conclusion = NULL, review_due = NULL, refusal_reason = :reason, decided_at = :at, "
            + "decided_by = :sub, review_notice_at = NULL WHERE dataset = :code AND state <> 'REFUSED' "
            + "AND changed_at = :changed";

    private final OpenDatasets openings;
    private final NotificationService notifications;
    private final Clock clock;

    OpeningService(OpenDatasets openings, NotificationService notifications, Clock clock) {
        this.openings = openings;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Every opening in any state (the center's review list), optionally only those in one state. */
    public Uni<List<OpeningView>> list(Caller caller, OpeningState state) {
        caller.require(Role.CENTER);
        LocalDate today = today();
        return openings.reviewed(null).map(all -> all.stream().map(r -> view(r, today))
                .filter(v -> state == null || v.state() == state).toList());
    }

    /** One opening as it stands now. */
    public Uni<OpeningView> find(String code) {
        LocalDate today = today();
        return openings.reviewed(code).map(found -> found.stream().findFirst().map(r -> view(r, today))
                .orElseThrow(() -> notOpened(code)));
    }

    /**
     * Approves a PERSON dataset's opening as it was asked for, with the assessment; an approved or
     * suspended one is approved again with a new assessment. The review date lies ahead, and no
     * further than {@link #LONGEST_REVIEW}.
     */
    @WithTransaction
    public Uni<Void> approve(Caller caller, String code, Approval body) {
        caller.require(Role.CENTER);
        Assessment a = body.assessment();
        LocalDate today = today();
        LocalDate latest = today.plus(LONGEST_REVIEW);
        if (!a.reviewDue().isAfter(today) || a.reviewDue().isAfter(latest)) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST, "assessment.reviewDue: must be a city day after "
                    + today + " (today) and no later than " + latest + "; was " + a.reviewDue());
        }
        return decidable(code).flatMap(r -> Panache.getSession().flatMap(session -> session.createNativeQuery(APPROVE)
                .setParameter("by", a.by().strip()).setParameter("conclusion", a.conclusion().strip())
                .setParameter("due", a.reviewDue()).setParameter("at", now()).setParameter("sub", caller.sub())
                .setParameter("code", code).setParameter("changed", r.publication().changedAt()).executeUpdate())
                .flatMap(updated -> {
                    requireUnchanged(code, updated);
                    return notifications.send(r.provider(), NotificationKind.OPENING, "opening " + code,
                            "the center approved opening dataset " + code + " as open data with its security "
                                    + "assessment by " + a.by().strip() + "; it is reviewed by " + a.reviewDue()
                                    + ", after which it is suspended until approved again (Art. 24)");
                }));
    }

    @WithTransaction
    public Uni<Void> refuse(Caller caller, String code, Refusal body) {
        caller.require(Role.CENTER);
        if (body == null || body.reason() == null || body.reason().isBlank()) {
            throw new ProblemException(ProblemCode.REASON_REQUIRED,
                    "reason: a refusal tells the provider why its personal data stays closed (Art. 24)");
        }
        String reason = body.reason().strip();
        return decidable(code).flatMap(r -> Panache.getSession().flatMap(session -> session.createNativeQuery(REFUSE)
                .setParameter("reason", reason).setParameter("at", now()).setParameter("sub", caller.sub())
                .setParameter("code", code).setParameter("changed", r.publication().changedAt()).executeUpdate())
                .flatMap(updated -> {
                    requireUnchanged(code, updated);
                    return notifications.send(r.provider(), NotificationKind.OPENING, "opening " + code,
                            "the center refused opening dataset " + code + " as open data: " + reason + " (Art. 24)");
                }));
    }

    /** A PERSON dataset's opening not refused: the one the center may decide on. */
    private Uni<OpenDatasets.Reviewed> decidable(String code) {
        return openings.reviewed(code).map(found -> {
            OpenDatasets.Reviewed r = found.stream().findFirst().orElseThrow(() -> notOpened(code));
            if (!SubjectType.PERSON.name().equals(r.subjectType())) {
                throw new ProblemException(ProblemCode.INVALID_STATE, "dataset " + code + " is " + r.subjectType()
                        + " data: it opens without the center's approval, which personal data needs (Art. 24)");
            }
            if (r.publication().storedState() == OpeningState.REFUSED) {
                throw new ProblemException(ProblemCode.INVALID_STATE, "the opening of dataset " + code
                        + " was refused; its provider asks again by opening it anew");
            }
            return r;
        });
    }

    /** The provider opened anew or withdrew between our read and the decision: the decision was for another opening. */
    private static void requireUnchanged(String code, int updated) {
        if (updated != 1) {
            throw new ProblemException(ProblemCode.INVALID_STATE, "the opening of dataset " + code
                    + " changed meanwhile (opened anew, withdrawn or decided): read it again");
        }
    }

    static OpeningView view(OpenDatasets.Reviewed r, LocalDate today) {
        Publication p = r.publication();
        Assessment assessment = r.assessedBy() == null ? null : new Assessment(r.assessedBy(), r.conclusion(), p.reviewDue());
        return new OpeningView(p.dataset(), r.provider(), SubjectType.valueOf(r.subjectType()), p.state(today),
                p.fields(), p.keyPublished(), p.title(), p.openedAt(), r.openedBy(), p.changedAt(), r.changedBy(),
                assessment, r.refusalReason(), r.decidedAt(), r.decidedBy());
    }

    private static ProblemException notOpened(String code) {
        return new ProblemException(ProblemCode.NOT_FOUND, "dataset " + code + " has no opening");
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private LocalDate today() {
        return CityDays.today(clock);
    }
}
