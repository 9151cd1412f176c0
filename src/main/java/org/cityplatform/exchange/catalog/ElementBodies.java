package org.cityplatform.exchange.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.cityplatform.exchange.audit.AuditedDataset;

/** Request and response bodies of the data elements (docs/api.md, "Data elements"; Art. 4(1), 12). */
public final class ElementBodies {

    private ElementBodies() {
    }

    public record SetSource(@NotBlank @Size(max = 64) String dataset) {
    }

    /** An element and its one source: the provider, and the dataset and field it comes from. */
    public record ElementSourceView(String element, String provider, String dataset, String field)
            implements AuditedDataset {

        static ElementSourceView of(ElementSource s) {
            return new ElementSourceView(s.element, s.provider, s.dataset, s.field);
        }

        @Override
        public String auditedDataset() {
            return dataset;
        }
    }

    public record ElementList(List<ElementSourceView> elements) {
    }
}
