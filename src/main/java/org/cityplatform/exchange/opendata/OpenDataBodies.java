package org.cityplatform.exchange.opendata;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import java.time.LocalDate;
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

    /**
     * The center's security assessment of a PERSON dataset's opening (Art. 24): who assessed it,
     * what they concluded, and the day by which it is reviewed again (after it, the opening is suspended).
     */
    public record Assessment(
            @NotBlank @Size(max = 200) String by,
            @NotBlank @Size(max = 4000) String conclusion,
            @NotNull LocalDate reviewDue) {
    }

    public record Approval(@NotNull @Valid Assessment assessment) {
    }

    /** {@code reason} is checked by the service: a missing one is REASON_REQUIRED, not a bad body. */
    public record Refusal(@Size(max = 2000) String reason) {
    }

    /** One opening as the center reviews it and as a PERSON dataset's provider is answered (202). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OpeningView(String dataset, String provider, SubjectType subjectType, OpeningState state,
                              List<String> fields, boolean keyPublished, String title, OffsetDateTime openedAt,
                              String openedBy, OffsetDateTime changedAt, String changedBy, Assessment assessment,
                              String refusalReason, OffsetDateTime decidedAt, String decidedBy) {
    }

    public record OpeningList(List<OpeningView> openings) {
    }
}
