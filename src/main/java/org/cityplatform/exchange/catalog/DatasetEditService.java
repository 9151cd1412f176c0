package org.cityplatform.exchange.catalog;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.catalog.DatasetBodies.EditDataset;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;

/**
 * A catalog entry's life after registration (Art. 3, 33): its provider or the center edits it,
 * each accepted edit is a new schema version with what it changed, and the provider and the
 * agencies holding grants on it are told. Stored records keep reading as the current version:
 * a field that becomes required gives the records stored without it its default, in the same
 * transaction.
 */
@ApplicationScoped
public class DatasetEditService {

    // jsonb_exists, not the ? operator, which the session would take for a parameter.
    private static final String BACKFILL = """
            UPDATE records SET data = data || jsonb_build_object(CAST(:field AS text), CAST(CAST(:value AS text) AS jsonb)),
                   version = version + 1, updated_at = now(), txid = pg_current_xact_id()
            WHERE dataset_id = (SELECT id FROM datasets WHERE code = :code) AND data IS NOT NULL
              AND (NOT jsonb_exists(data, CAST(:field AS text)) OR data -> CAST(:field AS text) = 'null'::jsonb)
            """;

    private final DatasetRepository datasets;
    private final DatasetVersionRepository versions;
    private final CatalogService catalog;
    private final NotificationService notifications;
    private final DatasetAudience audience;
    private final Clock clock;

    DatasetEditService(DatasetRepository datasets, DatasetVersionRepository versions, CatalogService catalog,
                       NotificationService notifications, DatasetAudience audience, Clock clock) {
        this.datasets = datasets;
        this.versions = versions;
        this.catalog = catalog;
        this.notifications = notifications;
        this.audience = audience;
        this.clock = clock;
    }

    /** Applies an edit by the dataset's provider or the center; an edit that changes nothing is refused. */
    @WithTransaction
    public Uni<Dataset> edit(Caller caller, String code, EditDataset body) {
        return catalog.find(code).flatMap(d -> {
            if (!caller.isCenter() && !d.provider.equals(caller.agency())) {
                throw new ProblemException(ProblemCode.NOT_PROVIDER,
                        "only the provider of dataset " + code + " or the center may edit it");
            }
            List<String> changes = new ArrayList<>();
            SchemaChanges schema = body.fields() == null ? null : SchemaChanges.between(d.schema.fields(), body.fields());
            if (body.name() != null && !body.name().strip().equals(d.name)) {
                requireText("name", body.name());
                d.name = body.name().strip();
                changes.add("name");
            }
            if (body.description() != null && !Objects.equals(blankToNull(body.description()), d.description)) {
                d.description = blankToNull(body.description());
                changes.add("description");
            }
            if (body.updateCycle() != null && body.updateCycle() != d.updateCycle) {
                changes.add("update cycle " + d.updateCycle + " -> " + body.updateCycle());
                d.updateCycle = body.updateCycle();
            }
            if (body.conditions() != null && !Objects.equals(blankToNull(body.conditions()), d.conditions)) {
                d.conditions = blankToNull(body.conditions());
                changes.add("conditions");
            }
            if (body.legalBasis() != null && !Objects.equals(blankToNull(body.legalBasis()), d.legalBasis)) {
                d.legalBasis = blankToNull(body.legalBasis());
                changes.add("legal basis");
            }
            if (schema != null) {
                changes.addAll(schema.described());
                d.schema = new DatasetSchema(List.copyOf(body.fields()));
            }
            if (changes.isEmpty()) {
                throw new ProblemException(ProblemCode.INVALID_REQUEST, "the edit changes nothing of dataset " + code);
            }
            CatalogRules.requireLegalBasis(d.sharingClass, d.legalBasis);
            CatalogRules.requireNoSensitiveInUnconditional(d.sharingClass, d.schema.fields());
            d.schemaVersion++;
            return versions.persist(DatasetVersion.of(d, caller.sub(), changes,
                            OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS)))
                    .call(() -> backfill(d, schema == null ? List.of() : schema.backfills()))
                    .call(() -> catalog.claimElements(d, true))
                    .call(() -> tell(d, changes))
                    .replaceWith(d);
        });
    }

    /** A dataset's versions, newest first, for whoever may see the dataset. */
    @WithSession
    public Uni<List<DatasetVersion>> versions(Caller caller, String code) {
        return catalog.get(caller, code).flatMap(d -> versions.of(d.code));
    }

    private Uni<Void> backfill(Dataset d, List<FieldDefinition> fields) {
        return Multi.createFrom().iterable(fields)
                .onItem().transformToUniAndConcatenate(f -> datasets.getSession().flatMap(session -> session
                        .createNativeQuery(BACKFILL).setParameter("field", f.name())
                        .setParameter("value", f.defaultValue().toString()).setParameter("code", d.code)
                        .executeUpdate()))
                .collect().last().replaceWithVoid();
    }

    /** The provider and every grant holder hear of each version, once each. */
    private Uni<Void> tell(Dataset d, List<String> changes) {
        return audience.holders(d.code).flatMap(holders -> {
            Set<String> recipients = new LinkedHashSet<>();
            recipients.add(d.provider);
            recipients.addAll(holders);
            String message = "dataset " + d.code + " is at schema version " + d.schemaVersion + ": "
                    + String.join("; ", changes);
            return Multi.createFrom().iterable(recipients)
                    .onItem().transformToUniAndConcatenate(r -> notifications.send(r, NotificationKind.DATASET_CHANGED,
                            "dataset " + d.code, message))
                    .collect().last().replaceWithVoid();
        });
    }

    private static void requireText(String name, String value) {
        if (value.isBlank()) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST, name + ": must not be blank");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
