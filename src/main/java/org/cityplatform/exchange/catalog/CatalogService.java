package org.cityplatform.exchange.catalog;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cityplatform.exchange.agency.AgencyRepository;
import org.cityplatform.exchange.catalog.DatasetBodies.RegisterDataset;
import org.cityplatform.exchange.catalog.DatasetRepository.CatalogFilter;
import org.cityplatform.exchange.identity.UnifiedSocialCreditCode;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * The city-wide catalog (Art. 3, 33): registration and the rule of one datum, one source (Art.
 * 4(1), 12). Classification with the provider (Art. 8, 9) is the classification package's.
 */
@ApplicationScoped
public class CatalogService {

    private final DatasetRepository datasets;
    private final ElementSourceRepository elements;
    private final AgencyRepository agencies;
    private final DatasetVersionRepository versions;
    private final Clock clock;

    CatalogService(DatasetRepository datasets, ElementSourceRepository elements, AgencyRepository agencies,
                   DatasetVersionRepository versions, Clock clock) {
        this.datasets = datasets;
        this.elements = elements;
        this.agencies = agencies;
        this.versions = versions;
        this.clock = clock;
    }

    /**
     * The center registers a dataset ACTIVE with its class; a provider registers its own dataset,
     * which waits as PENDING_CLASSIFICATION until the center classifies it (Art. 8, 9).
     */
    @WithTransaction
    public Uni<Dataset> register(Caller caller, RegisterDataset body) {
        String provider = UnifiedSocialCreditCode.canonical(body.provider());
        if (!caller.isCenter()) {
            caller.require(Role.AGENCY);
            if (!provider.equals(caller.agency())) {
                throw new ProblemException(ProblemCode.NOT_PROVIDER,
                        "agency " + caller.agency() + " may register only its own datasets, not those of " + provider);
            }
        } else if (body.sharingClass() == null) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST,
                    "sharingClass: must not be null when the center registers a dataset");
        }
        CatalogRules.requireLegalBasis(body.sharingClass(), body.legalBasis());
        CatalogRules.requireNoSensitiveInUnconditional(body.sharingClass(), body.fields());
        requireDistinctFieldNames(body.fields());
        String code = body.code().strip();
        return agencies.findById(provider).flatMap(agency -> {
            if (agency == null) {
                throw new ProblemException(ProblemCode.INVALID_REQUEST,
                        "provider: agency " + provider + " is not registered on the platform");
            }
            return datasets.findById(code);
        }).flatMap(existing -> {
            if (existing != null) {
                throw new ProblemException(ProblemCode.DUPLICATE, "dataset " + code + " is already in the catalog");
            }
            OffsetDateTime now = now();
            Dataset d = new Dataset();
            d.code = code;
            d.name = body.name().strip();
            d.description = blankToNull(body.description());
            d.provider = provider;
            d.subjectType = body.subjectType();
            d.sharingClass = body.sharingClass();
            d.updateCycle = body.updateCycle();
            d.conditions = blankToNull(body.conditions());
            d.legalBasis = blankToNull(body.legalBasis());
            d.schema = new DatasetSchema(List.copyOf(body.fields()));
            d.registeredAt = now;
            d.registeredBy = caller.sub();
            if (caller.isCenter()) {
                d.status = DatasetStatus.ACTIVE;
                d.classifiedAt = now;
                d.classifiedBy = caller.sub();
            } else {
                d.status = DatasetStatus.PENDING_CLASSIFICATION;
            }
            return datasets.persist(d);
        }).call(d -> versions.persist(DatasetVersion.of(d, caller.sub(), List.of("registered"), d.registeredAt)))
                .flatMap(d -> claimElements(d, true).replaceWith(d));
    }

    /**
     * A dataset the center just made ACTIVE (Art. 9) claims its elements (Art. 4(1), 12), within
     * the caller's transaction.
     */
    public Uni<Void> activated(Dataset d) {
        return claimElements(d, false);
    }

    @WithSession
    public Uni<List<Dataset>> search(Caller caller, CatalogFilter filter, int offset, int limit) {
        boolean seesPending = caller.isCenter() || caller.is(Role.OPS);
        return datasets.search(filter, seesPending, caller.agency(), offset, limit);
    }

    /** A pending dataset is not yet part of the shared catalog: only the center and its provider see it. */
    @WithSession
    public Uni<Dataset> get(Caller caller, String code) {
        return find(code).map(d -> {
            boolean visible = d.status != DatasetStatus.PENDING_CLASSIFICATION || caller.isCenter() || caller.is(Role.OPS)
                    || d.provider.equals(caller.agency());
            if (!visible) {
                throw notFound(code);
            }
            return d;
        });
    }

    Uni<Dataset> find(String code) {
        return datasets.findById(code).map(d -> {
            if (d == null) {
                throw notFound(code);
            }
            return d;
        });
    }

    /**
     * Art. 4(1), 12: each data element has one authoritative provider. The first ACTIVE dataset to
     * declare an element is its source; the same provider may carry it in several of its datasets. A
     * pending dataset holds no claim and blocks none: it claims its unclaimed elements when the
     * center classifies it. An element another provider holds by then stays with that source, and
     * the classification goes through: which of the two is the source is the center's to settle
     * ({@link ElementService}), and refusing would leave it no ACTIVE dataset to move the claim to.
     * The center registering an ACTIVE dataset with another provider's element is refused
     * ({@code refuseHeld}, 409 DUPLICATE_SOURCE). A concurrent claim by another provider loses on
     * the primary key and is answered as DUPLICATE_SOURCE too.
     */
    Uni<Void> claimElements(Dataset d, boolean refuseHeld) {
        if (d.status != DatasetStatus.ACTIVE) {
            return Uni.createFrom().voidItem();
        }
        Set<String> seen = new HashSet<>();
        List<FieldDefinition> declaring = d.schema.fields().stream()
                .filter(f -> f.element() != null && seen.add(f.element()))
                .toList();
        return Multi.createFrom().iterable(declaring)
                .onItem().transformToUniAndConcatenate(f -> elements.findById(f.element()).flatMap(source -> {
                    if (source == null) {
                        ElementSource claim = new ElementSource();
                        claim.element = f.element();
                        claim.provider = d.provider;
                        claim.dataset = d.code;
                        claim.field = f.name();
                        return elements.persist(claim).replaceWithVoid();
                    }
                    if (refuseHeld && !source.provider.equals(d.provider)) {
                        throw new ProblemException(ProblemCode.DUPLICATE_SOURCE, "data element '" + f.element()
                                + "' of field '" + f.name() + "' already has its source: dataset " + source.dataset
                                + " of agency " + source.provider + " (one datum, one source, Art. 4(1), 12)");
                    }
                    return Uni.createFrom().voidItem();
                }))
                .collect().last()
                .replaceWithVoid();
    }

    private static void requireDistinctFieldNames(List<FieldDefinition> fields) {
        Set<String> names = new HashSet<>();
        for (FieldDefinition f : fields) {
            if (!names.add(f.name())) {
                throw new ProblemException(ProblemCode.INVALID_REQUEST, "fields: '" + f.name() + "' is declared twice");
            }
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static ProblemException notFound(String code) {
        return new ProblemException(ProblemCode.NOT_FOUND, "no dataset " + code + " in the catalog");
    }
}
