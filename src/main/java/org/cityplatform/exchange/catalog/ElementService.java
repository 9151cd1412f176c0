package org.cityplatform.exchange.catalog;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * The register of data elements and their one source each (Art. 4(1), 12). A dataset claims the
 * elements it declares when it becomes ACTIVE ({@link CatalogService}); here everyone reads the
 * register, and the center settles or moves a claim to another ACTIVE dataset that declares the
 * element, telling both providers.
 */
@ApplicationScoped
public class ElementService {

    private final ElementSourceRepository elements;
    private final DatasetRepository datasets;
    private final NotificationService notifications;

    ElementService(ElementSourceRepository elements, DatasetRepository datasets, NotificationService notifications) {
        this.elements = elements;
        this.datasets = datasets;
        this.notifications = notifications;
    }

    /**
     * The claimed elements by name, those of one provider when it is given. Only ACTIVE datasets
     * hold claims, so no pending dataset shows here.
     */
    @WithSession
    public Uni<List<ElementSource>> list(String provider, int offset, int limit) {
        return (provider == null ? elements.findAll(Sort.by("element"))
                : elements.find("provider", Sort.by("element"), provider)).range(offset, offset + limit - 1).list();
    }

    @WithTransaction
    public Uni<ElementSource> setSource(Caller caller, String element, String code) {
        caller.require(Role.CENTER);
        String datasetCode = code.strip();
        return datasets.findById(datasetCode).flatMap(d -> {
            if (d == null) {
                throw new ProblemException(ProblemCode.INVALID_REQUEST, "dataset: no dataset " + datasetCode
                        + " in the catalog");
            }
            if (d.status != DatasetStatus.ACTIVE) {
                throw new ProblemException(ProblemCode.DATASET_NOT_ACTIVE, "dataset " + d.code
                        + " is not yet classified: only an ACTIVE dataset is the source of a data element");
            }
            FieldDefinition field = d.schema.fields().stream().filter(f -> element.equals(f.element()))
                    .findFirst().orElseThrow(() -> new ProblemException(ProblemCode.ELEMENT_NOT_DECLARED,
                            "dataset " + d.code + " declares no field for data element '" + element + "'"));
            // Locked: two moves of one element at once end with one source, and both told of it.
            return elements.findById(element, LockModeType.PESSIMISTIC_WRITE).flatMap(source -> {
                if (source == null) {
                    ElementSource claim = new ElementSource();
                    claim.element = element;
                    claim.provider = d.provider;
                    claim.dataset = d.code;
                    claim.field = field.name();
                    return elements.persist(claim).call(c -> tell(null, null, c));
                }
                if (source.dataset.equals(d.code) && source.field.equals(field.name())) {
                    return Uni.createFrom().item(source);
                }
                String formerProvider = source.provider;
                String formerDataset = source.dataset;
                source.provider = d.provider;
                source.dataset = d.code;
                source.field = field.name();
                return tell(formerProvider, formerDataset, source).replaceWith(source);
            });
        });
    }

    /** Tells the former provider, if any, and the new one, each once. */
    private Uni<Void> tell(String formerProvider, String formerDataset, ElementSource now) {
        Set<String> recipients = new LinkedHashSet<>();
        String held = "";
        if (formerProvider != null) {
            recipients.add(formerProvider);
            held = " (was dataset " + formerDataset + " of " + formerProvider + ")";
        }
        recipients.add(now.provider);
        String message = "the center made dataset " + now.dataset + " of " + now.provider + ", field " + now.field
                + ", the one source of data element '" + now.element + "'" + held + " (Art. 4(1), 12)";
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String recipient : recipients) {
            all = all.call(() -> notifications.send(recipient, NotificationKind.ELEMENT_SOURCE_CHANGED,
                    "element " + now.element, message));
        }
        return all;
    }
}
