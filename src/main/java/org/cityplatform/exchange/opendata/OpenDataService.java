package org.cityplatform.exchange.opendata;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.cityplatform.exchange.agency.Notification;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.catalog.CatalogDirectory;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.catalog.DatasetStatus;
import org.cityplatform.exchange.catalog.UpdateCycle;
import org.cityplatform.exchange.opendata.OpenDataBodies.OpenDatasetView;
import org.cityplatform.exchange.opendata.OpenDataBodies.Opening;
import org.cityplatform.exchange.opendata.OpenDataBodies.OpeningView;
import org.cityplatform.exchange.opendata.OpenDataBodies.PublishedField;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;

/** Opening and withdrawing datasets (Art. 23, 24, 25), and what anyone may read of them. */
@ApplicationScoped
public class OpenDataService {

    private final CatalogDirectory catalog;
    private final OpenDatasets openings;
    private final OpeningService approvals;
    private final NotificationService notifications;
    private final Clock clock;

    OpenDataService(CatalogDirectory catalog, OpenDatasets openings, OpeningService approvals,
                    NotificationService notifications, Clock clock) {
        this.catalog = catalog;
        this.openings = openings;
        this.approvals = approvals;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** What opening answered: the published dataset (ENTITY, OBJECT) or the opening waiting for the center (PERSON). */
    public record Opened(OpenDatasetView published, OpeningView pending) {
    }

    /**
     * Records the provider's consent. ENTITY and OBJECT data is published at once; a PERSON
     * dataset's opening waits for the center's approval and security assessment (Art. 24), and the
     * center is told.
     */
    public Uni<Opened> open(Caller caller, String code, Opening body) {
        return visibleTo(caller, code).flatMap(dataset -> {
            OpeningRules.requireProvider(caller, dataset);
            OpeningRules.Checked checked = OpeningRules.check(dataset, body.fields());
            OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
            return openings.open(code, checked.fields(), checked.keyPublished(), blankToNull(body.title()),
                    blankToNull(body.description()), caller.sub(), now);
        }).flatMap(written -> {
            OpeningState state = written.orElseThrow(() -> new ProblemException(ProblemCode.NOT_OPENABLE,
                    "dataset " + code + " was reclassified meanwhile: only UNCONDITIONAL data may be opened"));
            if (state == OpeningState.PENDING_APPROVAL) {
                return Panache.withTransaction(() -> notifications.send(Notification.CENTER, NotificationKind.OPENING,
                                "opening " + code, "agency " + caller.agency() + " asks to open PERSON dataset " + code
                                        + " as open data: it waits for the center's approval and security assessment (Art. 24)"))
                        .replaceWith(approvals.find(code)).map(pending -> new Opened(null, pending));
            }
            return published(code).map(found -> new Opened(found.orElseThrow(() -> notOpen(code)), null));
        });
    }

    public Uni<Void> withdraw(Caller caller, String code) {
        return visibleTo(caller, code).flatMap(dataset -> {
            OpeningRules.requireProvider(caller, dataset);
            return openings.withdraw(code);
        }).map(withdrawn -> {
            if (!withdrawn) {
                throw notOpen(code);
            }
            return null;
        });
    }

    /** The open datasets as anyone reads them; one when {@code code} is given. */
    public Uni<List<OpenDatasetView>> list(String code) {
        return openings.list(code).flatMap(listed -> listed.isEmpty() ? Uni.createFrom().item(List.<OpenDatasetView>of())
                : Uni.join().all(listed.stream().map(l -> catalog.find(l.publication().dataset())
                        .map(entry -> entry.filter(e -> Publication.open(e, today()) && l.publication().published(today()))
                                .map(e -> view(l, e)))).toList())
                .andFailFast().map(views -> views.stream().flatMap(Optional::stream).toList()));
    }

    public Uni<Optional<OpenDatasetView>> published(String code) {
        return list(code).map(views -> views.stream().findFirst());
    }

    /** What an open export may send now: the dataset, its publishable fields, whether its key goes out. */
    public Uni<Export> export(String code) {
        return catalog.find(code).flatMap(entry -> {
            if (entry.isPresent() && entry.get().retiredOn(today())) {
                return Uni.createFrom().failure(new ProblemException(ProblemCode.DATASET_RETIRED,
                        "dataset " + code + " was retired on " + entry.get().retiresOn() + " (Art. 3, 33)"));
            }
            if (entry.isEmpty() || !Publication.open(entry.get(), today())) {
                return Uni.createFrom().failure(notOpen(code));
            }
            return openings.find(code).map(found -> {
                Publication p = found.filter(f -> f.published(today())).orElseThrow(() -> notOpen(code));
                List<String> fields = p.visibleFields(entry.get()).stream().map(f -> f.name()).toList();
                if (fields.isEmpty()) {
                    throw notOpen(code);
                }
                return new Export(entry.get(), fields, p.keyVisible(entry.get()));
            });
        });
    }

    public record Export(CatalogEntry dataset, List<String> fields, boolean keyed) {
    }

    private static OpenDatasetView view(OpenDatasets.Listed listed, CatalogEntry entry) {
        Publication p = listed.publication();
        List<PublishedField> fields = p.visibleFields(entry).stream()
                .map(f -> new PublishedField(f.name(), f.type(), f.description())).toList();
        return new OpenDatasetView(entry.code(), listed.name(), p.title() == null ? listed.name() : p.title(),
                p.description(), listed.provider(), listed.providerName(), entry.subjectType(),
                UpdateCycle.valueOf(listed.updateCycle()), p.keyVisible(entry), fields, p.openedAt(), p.changedAt(),
                "/open/v1/datasets/" + entry.code() + "/export");
    }

    /** A pending dataset is not in the shared catalog yet: only its provider (and the center) sees it. */
    private Uni<CatalogEntry> visibleTo(Caller caller, String code) {
        return catalog.find(code).map(found -> found
                .filter(d -> d.status() == DatasetStatus.ACTIVE || caller.isCenter() || d.provider().equals(caller.agency()))
                .orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no dataset " + code + " in the catalog")));
    }

    private static ProblemException notOpen(String code) {
        return new ProblemException(ProblemCode.NOT_FOUND, "dataset " + code + " is not open data");
    }

    private LocalDate today() {
        return CityDays.today(clock);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
