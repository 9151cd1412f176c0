package org.cityplatform.exchange.classification;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.cityplatform.exchange.catalog.SharingClass;

/** Request bodies of the classification workflow (docs/api.md, "Catalog"). */
public final class ClassificationBodies {

    private ClassificationBodies() {
    }

    /** The center's class for a dataset, with the conditions and legal basis that go with it. */
    public record Proposal(
            @NotNull SharingClass sharingClass,
            @Size(max = 4000) String conditions,
            @Size(max = 4000) String legalBasis) {
    }

    /** The provider's objection to a proposal: why the data needs the stricter class. */
    public record Objection(@Size(max = 4000) String reason) {
    }

    /** The center's settlement of a dispute. */
    public record Decision(
            @NotNull SharingClass sharingClass,
            @Size(max = 4000) String note) {
    }
}
