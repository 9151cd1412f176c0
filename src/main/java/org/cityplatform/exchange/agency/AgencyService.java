package org.cityplatform.exchange.agency;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cityplatform.exchange.agency.AgencyBodies.ChangeContact;
import org.cityplatform.exchange.agency.AgencyBodies.ChangeStatus;
import org.cityplatform.exchange.agency.AgencyBodies.RegisterAgency;
import org.cityplatform.exchange.agency.AgencyBodies.SignAgreement;
import org.cityplatform.exchange.identity.UnifiedSocialCreditCode;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/** Registration of agencies by the center, and each agency's own platform agreement (Art. 32). */
@ApplicationScoped
public class AgencyService {

    private final AgencyRepository agencies;
    private final AgencyAgreementRepository agreements;
    private final AgreementVersionRepository versions;
    private final Clock clock;

    AgencyService(AgencyRepository agencies, AgencyAgreementRepository agreements, AgreementVersionRepository versions,
                  Clock clock) {
        this.agencies = agencies;
        this.agreements = agreements;
        this.versions = versions;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Agency> register(Caller caller, RegisterAgency body) {
        caller.require(Role.CENTER);
        // The agency's identity on the platform is its unified social credit code (GB 32100, Art. 16).
        String code = UnifiedSocialCreditCode.canonical(body.code());
        return agencies.findById(code).flatMap(existing -> {
            if (existing != null) {
                throw new ProblemException(ProblemCode.DUPLICATE, "agency " + code + " is already registered");
            }
            Agency agency = new Agency();
            agency.code = code;
            agency.name = body.name().strip();
            agency.kind = body.kind();
            agency.status = AgencyStatus.ACTIVE;
            agency.registeredAt = now();
            agency.registeredBy = caller.sub();
            return agencies.persist(agency);
        });
    }

    @WithSession
    public Uni<List<Agency>> list(AgencyStatus status, AgencyKind kind) {
        return agencies.listAll(status, kind);
    }

    @WithSession
    public Uni<Agency> get(String rawCode) {
        return agencies.findById(canonicalOrNotFound(rawCode)).map(a -> found(a, rawCode));
    }

    /** Art. 32: only the agency itself commits to use and protect the data it obtains. */
    @WithTransaction
    public Uni<Agency> signAgreement(Caller caller, String rawCode, SignAgreement body) {
        String code = canonicalOrNotFound(rawCode);
        if (!caller.actsFor(code)) {
            throw new ProblemException(ProblemCode.FORBIDDEN_ROLE,
                    "only agency " + code + " itself may sign its platform agreement (Art. 32)");
        }
        String version = body.version().strip();
        return agencies.findById(code).map(a -> found(a, rawCode))
                .call(agency -> versions.inForceOn(CityDays.today(clock)).invoke(inForce -> requireInForce(inForce, version)))
                .flatMap(agency -> {
            OffsetDateTime at = now();
            agency.agreementVersion = version;
            agency.agreementSignedBy = body.signedBy().strip();
            agency.agreementSignedAt = at;
            AgencyAgreement signature = new AgencyAgreement();
            signature.agency = code;
            signature.version = agency.agreementVersion;
            signature.signedBy = agency.agreementSignedBy;
            signature.signedSub = caller.sub();
            signature.signedAt = at;
            return agreements.persist(signature).replaceWith(agency);
        });
    }

    /**
     * Art. 32: an agency signs the version in force and no other. While no published version is in
     * force yet, the agreement is still the unversioned one of before, and any signature counts.
     */
    private static void requireInForce(AgreementVersion inForce, String version) {
        if (inForce != null && !inForce.version.equals(version)) {
            throw new ProblemException(ProblemCode.AGREEMENT_OUTDATED, "version " + version
                    + " of the platform agreement is not the one in force: sign version " + inForce.version
                    + " (\"" + inForce.title + "\", in force since " + inForce.effectiveOn + ", sha256 "
                    + inForce.sha256 + ") (Art. 32)");
        }
    }

    @WithTransaction
    public Uni<Agency> changeStatus(Caller caller, String rawCode, ChangeStatus body) {
        caller.require(Role.CENTER);
        return agencies.findById(canonicalOrNotFound(rawCode)).map(a -> found(a, rawCode)).map(agency -> {
            agency.status = body.status();
            agency.statusReason = body.reason();
            return agency;
        });
    }

    /** Art. 28: the agency names its responsible person; the center may record it for the agency. */
    @WithTransaction
    public Uni<Agency> changeContact(Caller caller, String rawCode, ChangeContact body) {
        String code = canonicalOrNotFound(rawCode);
        if (!caller.isCenter() && !caller.actsFor(code)) {
            throw new ProblemException(ProblemCode.FORBIDDEN_ROLE,
                    "an agency's contact is named by the center or the agency itself (Art. 28)");
        }
        return agencies.findById(code).map(a -> found(a, rawCode)).map(agency -> {
            agency.contactName = body.contact().name().strip();
            agency.contactPhone = body.contact().phone().strip();
            agency.contactEmail = body.contact().email().strip();
            return agency;
        });
    }

    private OffsetDateTime now() {
        // Microseconds: what PostgreSQL keeps, so a value read back equals the value written.
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static String canonicalOrNotFound(String rawCode) {
        if (!UnifiedSocialCreditCode.isValid(rawCode)) {
            throw notFound(rawCode);
        }
        return UnifiedSocialCreditCode.canonical(rawCode);
    }

    private static Agency found(Agency agency, String rawCode) {
        if (agency == null) {
            throw notFound(rawCode);
        }
        return agency;
    }

    private static ProblemException notFound(String rawCode) {
        return new ProblemException(ProblemCode.NOT_FOUND, "no agency " + rawCode + " is registered");
    }
}
