package org.cityplatform.exchange.opendata;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.cityplatform.exchange.catalog.FieldType;
import org.cityplatform.exchange.catalog.UpdateCycle;
import org.cityplatform.exchange.identity.SubjectType;

/** Request and response bodies of open data (docs/api.md, "Open data (Art. 23, 25)"). */
public final class OpenDataBodies {

    private OpenDataBodies() {
    }

    /**
     * The provider's consent (Art. 23): the fields it publishes. {@code "key"} among them publishes
     * the record's key, which ENTITY and OBJECT data may do and PERSON data never.
     */
    public record Opening(
            @NotEmpty @Size(max = 501) List<@NotBlank @Size(max = 64) String> fields,
            @Size(max = 200) String title,
            @Size(max = 4000) String description) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PublishedField(String name, FieldType type, String description) {
    }

    /** One open dataset as anyone may read it: what it is, who provides it, what is published. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OpenDatasetView(String code, String name, String title, String description, String provider,
                                  String providerName, SubjectType subjectType, UpdateCycle updateCycle,
                                  boolean keyPublished, List<PublishedField> fields, OffsetDateTime openedAt,
                                  OffsetDateTime changedAt, String export) {
    }

    public record OpenDatasetList(List<OpenDatasetView> datasets) {
    }
}
