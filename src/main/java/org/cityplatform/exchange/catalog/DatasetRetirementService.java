package org.cityplatform.exchange.catalog;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.audit.RecentReaders;
import org.cityplatform.exchange.catalog.DatasetBodies.Retire;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;

/**
 * A catalog entry's end (Art. 3, 33). Its provider or the center retires an ACTIVE dataset from a
 * city day; until then it is RETIRING and works as before, so its consumers migrate, and those who
 * hold grants on it or read it lately are told at once. From that day it is RETIRED: nothing is read
 * or pushed, its grants end, and the data elements it was the source of (Art. 4(1), 12) are free for
 * another provider. The entry, its versions and its trail stay.
 */
@ApplicationScoped
public class DatasetRetirementService {

    /** Agencies that read the dataset this recently are told of its retirement, grant or not. */
    static final Duration RECENT_READS = Duration.ofDays(90);

    /** A retirement is announced at most this far ahead: a date years away announces nothing. */
    static final Period LONGEST_NOTICE = Period.ofYears(2);

    private final CatalogService catalog;
    private final DatasetRepository datasets;
    private final ElementSourceRepository elements;
    private final NotificationService notifications;
    private final DatasetAudience audience;
    private final RecentReaders readers;
    private final GrantEnding grants;
    private final Clock clock;

    DatasetRetirementService(CatalogService catalog, DatasetRepository datasets, ElementSourceRepository elements,
                             NotificationService notifications, DatasetAudience audience, RecentReaders readers,
                             GrantEnding grants, Clock clock) {
        this.catalog = catalog;
        this.datasets = datasets;
        this.elements = elements;
        this.notifications = notifications;
        this.audience = audience;
        this.readers = readers;
        this.grants = grants;
        this.clock = clock;
    }

    /**
     * Retires an ACTIVE dataset from {@code effectiveOn}, by its provider or the center; a date
     * that has come (today) retires it at once, in the same transaction.
     */
    @WithTransaction
    public Uni<Dataset> retire(Caller caller, String code, Retire body) {
        if (body.reason() == null || body.reason().isBlank()) {
            throw new ProblemException(ProblemCode.REASON_REQUIRED,
                    "reason: a retirement says why, for the consumers that must migrate (Art. 3, 33)");
        }
        LocalDate today = today();
        LocalDate latest = today.plus(LONGEST_NOTICE);
        if (body.effectiveOn().isBefore(today) || body.effectiveOn().isAfter(latest)) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST, "effectiveOn: must be a city day from " + today
                    + " (today) to " + latest + "; asked for " + body.effectiveOn());
        }
        return catalog.find(code).flatMap(d -> {
            if (!caller.isCenter() && !d.provider.equals(caller.agency())) {
                throw new ProblemException(ProblemCode.NOT_PROVIDER,
                        "only the provider of dataset " + code + " or the center may retire it");
            }
            if (d.status != DatasetStatus.ACTIVE) {
                throw new ProblemException(ProblemCode.INVALID_STATE,
                        "dataset " + code + " is " + d.status + "; only an ACTIVE dataset is retired");
            }
            d.status = DatasetStatus.RETIRING;
            d.retirementReason = body.reason().strip();
            d.retirementEffectiveOn = body.effectiveOn();
            d.retirementRequestedAt = now();
            d.retirementRequestedBy = caller.sub();
            Uni<Void> announced = announce(d, caller.isCenter());
            return (d.retirementEffectiveOn.isAfter(today) ? announced : announced.call(() -> end(d))).replaceWith(d);
        });
    }

    /** Retires every RETIRING dataset whose day has come; answers their codes, to announce once committed. */
    @WithTransaction
    public Uni<List<String>> retireDue(LocalDate today) {
        return datasets.list("status = ?1 and retirementEffectiveOn <= ?2 order by code", DatasetStatus.RETIRING, today)
                .flatMap(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(this::end)
                        .collect().asList()
                        .replaceWith(() -> due.stream().map(d -> d.code).toList()));
    }

    /** Grant holders and recent readers hear it ahead, and the provider when the center decided. */
    private Uni<Void> announce(Dataset d, boolean byCenter) {
        return audience.holders(d.code)
                .flatMap(holders -> readers.of(d.code, now(), RECENT_READS).map(recent -> {
                    Set<String> told = new LinkedHashSet<>(holders);
                    told.addAll(recent);
                    told.remove(d.provider);
                    if (byCenter) {
                        told.add(d.provider);
                    }
                    return told;
                }))
                .flatMap(told -> send(told, NotificationKind.DATASET_RETIRING, d, "dataset " + d.code
                        + " is retired on " + d.retirementEffectiveOn + ": " + d.retirementReason
                        + ". Until then it is read and pushed as before; from then on reads are 410 DATASET_RETIRED "
                        + "and its grants end."));
    }

    private Uni<Void> end(Dataset d) {
        d.status = DatasetStatus.RETIRED;
        d.retiredAt = now();
        String why = "dataset " + d.code + " was retired on " + d.retirementEffectiveOn + ": " + d.retirementReason;
        return grants.endAll(d.code, why)
                .call(() -> send(Set.of(d.provider), NotificationKind.DATASET_RETIRED, d,
                        why + ". Its records are no longer read or pushed; the catalog keeps the entry."))
                .call(() -> releaseElements(d))
                .replaceWithVoid();
    }

    /**
     * Art. 4(1), 12: an element stays with its provider while another of its datasets in the catalog
     * declares it; otherwise it is free for the next provider that declares it.
     */
    private Uni<Void> releaseElements(Dataset d) {
        return elements.list("dataset", d.code).flatMap(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem()
                : datasets.list("provider = ?1 and code <> ?2 and status <> ?3 order by code", d.provider, d.code,
                        DatasetStatus.RETIRED).flatMap(others -> Multi.createFrom().iterable(claimed)
                        .onItem().transformToUniAndConcatenate(source -> {
                            for (Dataset other : others) {
                                for (FieldDefinition f : other.schema.fields()) {
                                    if (source.element.equals(f.element())) {
                                        source.dataset = other.code;
                                        source.field = f.name();
                                        return Uni.createFrom().voidItem();
                                    }
                                }
                            }
                            return elements.delete(source);
                        })
                        .collect().last().replaceWithVoid()));
    }

    private Uni<Void> send(Set<String> recipients, NotificationKind kind, Dataset d, String message) {
        return Multi.createFrom().iterable(recipients)
                .onItem().transformToUniAndConcatenate(r -> notifications.send(r, kind, "dataset " + d.code, message))
                .collect().last().replaceWithVoid();
    }

    private LocalDate today() {
        return CityDays.today(clock);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
