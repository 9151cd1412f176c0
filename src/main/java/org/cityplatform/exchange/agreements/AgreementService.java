package org.cityplatform.exchange.agreements;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.cityplatform.exchange.agency.Agency;
import org.cityplatform.exchange.agency.AgencyRepository;
import org.cityplatform.exchange.agency.AgreementVersion;
import org.cityplatform.exchange.agency.AgreementVersionRepository;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.agreements.AgreementBodies.PublishAgreement;
import org.cityplatform.exchange.calendar.Calendars;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * The versions of the platform data use and protection agreement between the center and each
 * agency (Art. 32): the center publishes them; agencies that signed an earlier one are told when a
 * new one takes force, and read on through its grace period.
 */
@ApplicationScoped
public class AgreementService {

    private final AgreementVersionRepository versions;
    private final AgencyRepository agencies;
    private final NotificationService notifications;
    private final Calendars calendars;
    private final AgreementSettings settings;
    private final Clock clock;

    AgreementService(AgreementVersionRepository versions, AgencyRepository agencies, NotificationService notifications,
                     Calendars calendars, AgreementSettings settings, Clock clock) {
        this.versions = versions;
        this.agencies = agencies;
        this.notifications = notifications;
        this.calendars = calendars;
        this.settings = settings;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<AgreementVersion> publish(Caller caller, PublishAgreement body) {
        caller.require(Role.CENTER);
        LocalDate today = CityDays.today(clock);
        if (body.effectiveOn().isBefore(today)) {
            // A version in force before it was published would have made earlier signatures lapse unannounced.
            throw new ProblemException(ProblemCode.INVALID_REQUEST,
                    "effectiveOn: " + body.effectiveOn() + " has passed; a version takes force today or later");
        }
        String version = body.version().strip();
        return versions.byVersion(version).flatMap(existing -> {
            if (existing != null) {
                throw new ProblemException(ProblemCode.DUPLICATE, "agreement version " + version + " is already published");
            }
            return calendars.current();
        }).flatMap(days -> {
            AgreementVersion v = new AgreementVersion();
            v.version = version;
            v.title = body.title().strip();
            v.text = body.text();
            v.sha256 = sha256(body.text());
            v.effectiveOn = body.effectiveOn();
            v.graceEndsOn = days.plusWorkingDays(v.effectiveOn, settings.gracePeriod());
            v.publishedAt = now();
            v.publishedBy = caller.sub();
            return versions.persist(v);
        }).call(v -> v.effectiveOn.equals(today) ? announce(v) : Uni.createFrom().voidItem());
    }

    @WithSession
    public Uni<List<AgreementVersion>> list() {
        return versions.inOrder();
    }

    /** The version in force on the day among those listed in order, or null. */
    static AgreementVersion inForce(List<AgreementVersion> inOrder, LocalDate day) {
        AgreementVersion found = null;
        for (AgreementVersion v : inOrder) {
            if (!v.effectiveOn.isAfter(day)) {
                found = v;
            }
        }
        return found;
    }

    /** Tells the signatories of earlier versions about every version in force by the day and not yet announced. */
    @WithTransaction
    public Uni<Void> announceDue(LocalDate day) {
        return versions.unannouncedBy(day).flatMap(due -> Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(this::announce)
                .collect().last().replaceWithVoid());
    }

    /**
     * Art. 32: an agency whose signature will lapse learns it the day the new version takes force.
     * The version is marked announced in the same transaction, once, whichever instance gets there.
     */
    private Uni<Void> announce(AgreementVersion v) {
        return versions.update("notifiedAt = ?1 where id = ?2 and notifiedAt is null", now(), v.id)
                .flatMap(marked -> marked == 0 ? Uni.createFrom().voidItem()
                        : agencies.list("agreementSignedAt is not null and agreementVersion <> ?1", v.version)
                                .flatMap(signatories -> Multi.createFrom().iterable(signatories)
                                        .onItem().transformToUniAndConcatenate(agency -> notify(agency, v))
                                        .collect().last().replaceWithVoid()));
    }

    private Uni<Void> notify(Agency agency, AgreementVersion v) {
        return notifications.send(agency.code, NotificationKind.AGREEMENT_VERSION, "agreement " + v.version,
                "version " + v.version + " of the platform data use and protection agreement (\"" + v.title
                        + "\") is in force since " + v.effectiveOn + "; you signed version " + agency.agreementVersion
                        + ", which lets you read data through " + v.graceEndsOn + " only. Sign version " + v.version
                        + " (sha256 " + v.sha256 + ") before then (Art. 32).");
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
