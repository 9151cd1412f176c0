package org.cityplatform.exchange.objections;

import org.cityplatform.exchange.infra.CityDays;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.cityplatform.exchange.access.DataUse;
import org.cityplatform.exchange.access.GrantScope;
import org.cityplatform.exchange.access.ReadAccess;
import org.cityplatform.exchange.access.ReadDecision;
import org.cityplatform.exchange.agency.Notification;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.calendar.Calendars;
import org.cityplatform.exchange.catalog.CatalogDirectory;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.identity.SubjectKeys;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * The objection workflow (Art. 20): a consumer that may read a record files; the center reviews
 * within 5 working days and confirms, corrects, or refers the record to its provider, who checks
 * within 3 working days and answers in writing; the consumer is told each outcome. Deadlines are
 * fixed as dates when set, from the calendar in force then.
 */
@ApplicationScoped
public class ObjectionService {

    static final int REVIEW_WORKING_DAYS = 5;
    static final int PROVIDER_WORKING_DAYS = 3;
    private static final String RECORD =
            "SELECT data::text, version, updated_at FROM records WHERE dataset_id = $1 AND key = $2 AND NOT deleted";
    private static final String LATEST = "SELECT version, deleted FROM records WHERE dataset_id = $1 AND key = $2";

    /** A stored record as the objection's review sees it. */
    public record StoredVersion(String data, long version, OffsetDateTime updatedAt) {
    }

    /** The record an objection is filed against, as it is at filing: null for an INCOMPLETE objection about a key not stored. */
    public record Filing(String key, StoredVersion record) {
    }

    private final ObjectionRepository objections;
    private final CatalogDirectory catalog;
    private final ReadAccess access;
    private final NotificationService notifications;
    private final Calendars calendars;
    private final Pool pool;
    private final Clock clock;

    ObjectionService(ObjectionRepository objections, CatalogDirectory catalog, ReadAccess access,
                     NotificationService notifications, Calendars calendars, Pool pool, Clock clock) {
        this.objections = objections;
        this.catalog = catalog;
        this.access = access;
        this.notifications = notifications;
        this.calendars = calendars;
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * What filing needs checked first: the caller may read that record, and it exists, unless the
     * objection is that it is missing (INCOMPLETE, Art. 20). Answers it as it is.
     */
    public Uni<Filing> mayFile(Caller caller, ObjectionBodies.FileObjection body) {
        caller.require(Role.AGENCY);
        return catalog.require(body.dataset()).flatMap(dataset -> {
            if (dataset.provider().equals(caller.agency())) {
                throw new ProblemException(ProblemCode.FORBIDDEN_ROLE, "a provider corrects its own records by pushing "
                        + "them; objections are for the records of others (Art. 20)");
            }
            String key = SubjectKeys.canonical(dataset.subjectType(), body.key());
            // An objection names one record by key, as a lookup does: the LOOKUP scope lets it be filed.
            return access.decision(caller, dataset, DataUse.DUTY, GrantScope.LOOKUP).flatMap(decision -> {
                if (decision instanceof ReadDecision.Refused refused) {
                    throw refused.asProblem();
                }
                return stored(dataset.id(), key).map(record -> {
                    // Art. 20: a record missing altogether is incomplete data; a wrong value needs a record to be in.
                    if (record == null && body.kind() != ObjectionKind.INCOMPLETE) {
                        throw new ProblemException(ProblemCode.NOT_FOUND, "no record " + key + " in dataset " + dataset.code());
                    }
                    return new Filing(key, record);
                });
            });
        });
    }

    @WithTransaction
    public Uni<Objection> file(Caller caller, ObjectionBodies.FileObjection body, Filing filing) {
        return calendars.current().flatMap(days -> {
            Objection o = new Objection();
            o.dataset = body.dataset();
            o.key = filing.key();
            if (filing.record() != null) {
                o.recordVersion = filing.record().version();
                o.recordAsFiled = filing.record().data();
            }
            o.kind = body.kind();
            o.description = body.description().strip();
            o.consumer = caller.agency();
            o.filedBy = caller.sub();
            o.filedAt = now();
            o.filedOn = today();
            o.status = ObjectionStatus.OPEN;
            o.reviewDue = days.plusWorkingDays(o.filedOn, REVIEW_WORKING_DAYS);
            return objections.persist(o);
        });
    }

    /**
     * The record under an objection, for the center's review (Art. 20): as filed, and as it is
     * now (null once removed). Only the center reads it here; providers read their own records.
     */
    @WithSession
    public Uni<RecordUnderReview> underReview(Caller caller, long id) {
        caller.require(Role.CENTER);
        return objection(id).flatMap(o -> catalog.require(o.dataset).flatMap(dataset -> stored(dataset.id(), o.key))
                .map(now -> new RecordUnderReview(o, o.recordAsFiled == null ? null
                        : new StoredVersion(o.recordAsFiled, o.recordVersion, o.filedAt), now)));
    }

    /** An objection's record as filed and as it is now. */
    public record RecordUnderReview(Objection objection, StoredVersion asFiled, StoredVersion now) {
    }

    private Uni<StoredVersion> stored(int datasetId, String key) {
        return pool.preparedQuery(RECORD).execute(Tuple.of(datasetId, key)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            var row = rows.iterator().next();
            return new StoredVersion(row.getString(0), row.getLong(1), row.getOffsetDateTime(2));
        });
    }

    /**
     * The record's version that corrects an objection (Art. 20): newer than the version objected
     * to (a removal is a version too), or, for an INCOMPLETE objection about a key not stored, the
     * record stored since. Without one, CORRECTED would tell the consumer of a correction that is
     * not in the data: 409 NOT_CORRECTED.
     */
    private Uni<Long> correctedVersion(Objection o) {
        return catalog.require(o.dataset)
                .flatMap(dataset -> pool.preparedQuery(LATEST).execute(Tuple.of(dataset.id(), o.key)))
                .map(rows -> {
                    Row row = rows.size() == 0 ? null : rows.iterator().next();
                    if (o.recordVersion == null) {
                        if (row == null || row.getBoolean(1)) {
                            throw new ProblemException(ProblemCode.NOT_CORRECTED, "record " + o.dataset + "/" + o.key
                                    + " is still not stored: push it before resolving objection " + o.id + " as CORRECTED");
                        }
                        return row.getLong(0);
                    }
                    if (row == null || row.getLong(0) <= o.recordVersion) {
                        throw new ProblemException(ProblemCode.NOT_CORRECTED, "record " + o.dataset + "/" + o.key
                                + " has no version after " + o.recordVersion + ", the one objected to: push the "
                                + "corrected record before resolving objection " + o.id + " as CORRECTED");
                    }
                    return row.getLong(0);
                });
    }

    /** What the consumer reads of a correction: the version to read again. */
    private static String corrected(Objection o) {
        return o.correctedVersion == null ? "" : " (version " + o.correctedVersion + ")";
    }

    @WithTransaction
    public Uni<Objection> review(Caller caller, long id, ObjectionBodies.Review body) {
        caller.require(Role.CENTER);
        return objection(id).flatMap(o -> {
            requireStatus(o, ObjectionStatus.OPEN, "review");
            Uni<Long> corrected = body.outcome() == ReviewOutcome.CORRECTED
                    ? correctedVersion(o) : Uni.createFrom().nullItem();
            return corrected.flatMap(version -> reviewed(caller, o, body, version));
        });
    }

    private Uni<Objection> reviewed(Caller caller, Objection o, ObjectionBodies.Review body, Long correctedVersion) {
        o.reviewOutcome = body.outcome();
        o.reviewNote = blank(body.note()) ? null : body.note().strip();
        o.reviewedAt = now();
        o.reviewedBy = caller.sub();
        o.correctedVersion = correctedVersion;
        if (body.outcome() != ReviewOutcome.REFER_TO_PROVIDER) {
            o.status = ObjectionStatus.RESOLVED;
            o.resolvedAt = o.reviewedAt;
            return notifications.send(o.consumer, NotificationKind.OBJECTION, "objection " + o.id,
                    "the center reviewed your objection to " + o.dataset + "/" + o.key + ": " + body.outcome()
                            + corrected(o) + (o.reviewNote == null ? "" : " — " + o.reviewNote)).replaceWith(o);
        }
        return calendars.current().flatMap(days -> provider(o.dataset).flatMap(provider -> {
            o.status = ObjectionStatus.PROVIDER_CHECK;
            o.providerDue = days.plusWorkingDays(today(), PROVIDER_WORKING_DAYS);
            return notifications.send(provider, NotificationKind.OBJECTION, "objection " + o.id,
                    "the center refers an objection to record " + o.dataset + "/" + o.key + " to you: "
                            + o.description + ". Check it and answer in writing by " + o.providerDue + " (Art. 20).")
                    .replaceWith(o);
        }));
    }

    @WithTransaction
    public Uni<Objection> providerResponse(Caller caller, long id, ObjectionBodies.ProviderResponse body) {
        return objection(id).flatMap(o -> provider(o.dataset).flatMap(provider -> {
            if (!caller.actsFor(provider)) {
                throw new ProblemException(ProblemCode.NOT_PROVIDER, "only the provider " + provider + " answers");
            }
            requireStatus(o, ObjectionStatus.PROVIDER_CHECK, "answer");
            if (blank(body.note())) {
                throw new ProblemException(ProblemCode.REASON_REQUIRED, "the provider answers in writing (Art. 20): note");
            }
            Uni<Long> corrected = body.outcome() == ProviderOutcome.CORRECTED
                    ? correctedVersion(o) : Uni.createFrom().nullItem();
            return corrected.flatMap(version -> answered(caller, o, provider, body, version));
        }));
    }

    private Uni<Objection> answered(Caller caller, Objection o, String provider, ObjectionBodies.ProviderResponse body,
                                    Long correctedVersion) {
        o.correctedVersion = correctedVersion;
        o.providerOutcome = body.outcome();
        o.providerNote = body.note().strip();
        o.providerAnsweredAt = now();
        o.providerAnsweredBy = caller.sub();
        o.status = ObjectionStatus.RESOLVED;
        o.resolvedAt = o.providerAnsweredAt;
        return notifications.send(o.consumer, NotificationKind.OBJECTION, "objection " + o.id,
                        "the provider answered your objection to " + o.dataset + "/" + o.key + ": " + body.outcome()
                                + corrected(o) + " — " + o.providerNote)
                .call(() -> notifications.send(Notification.CENTER, NotificationKind.OBJECTION, "objection " + o.id,
                        "provider " + provider + " answered objection " + o.id + ": " + body.outcome() + corrected(o)))
                .replaceWith(o);
    }

    /** The center, the consumer that filed and the record's provider see an objection; nobody else learns it exists. */
    @WithSession
    public Uni<Objection> get(Caller caller, long id) {
        return objection(id).flatMap(o -> provider(o.dataset).map(provider -> {
            if (!caller.isCenter() && !caller.actsFor(o.consumer) && !caller.actsFor(provider)) {
                throw notFound(id);
            }
            return o;
        }));
    }

    @WithSession
    public Uni<List<Objection>> list(Caller caller, ObjectionStatus status, boolean overdue) {
        StringBuilder where = new StringBuilder("1 = 1");
        io.quarkus.panache.common.Parameters params = new io.quarkus.panache.common.Parameters();
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        if (overdue) {
            where.append(" and ((status = :open and reviewDue < :today) or (status = :check and providerDue < :today))");
            params.and("open", ObjectionStatus.OPEN).and("check", ObjectionStatus.PROVIDER_CHECK).and("today", today());
        }
        if (!caller.isCenter()) {
            caller.require(Role.AGENCY);
            where.append(" and (consumer = :agency or dataset in (select d.code from Dataset d where d.provider = :agency))");
            params.and("agency", caller.agency());
        }
        return objections.find(where + " order by id desc", params).range(0, 999).list();
    }

    LocalDate today() {
        return CityDays.today(clock);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private Uni<Objection> objection(long id) {
        return objections.findById(id).map(o -> {
            if (o == null) {
                throw notFound(id);
            }
            return o;
        });
    }

    private Uni<String> provider(String dataset) {
        return catalog.require(dataset).map(CatalogEntry::provider);
    }

    private static void requireStatus(Objection o, ObjectionStatus expected, String step) {
        if (o.status != expected) {
            throw new ProblemException(ProblemCode.INVALID_STATE,
                    "objection " + o.id + " is " + o.status + "; only a " + expected + " objection can " + step);
        }
    }

    private static ProblemException notFound(long id) {
        return new ProblemException(ProblemCode.NOT_FOUND, "no objection " + id);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
