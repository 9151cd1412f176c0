package org.cityplatform.exchange.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.cityplatform.exchange.identity.SubjectType;

/** Request and response bodies of the catalog API (docs/api.md, "Catalog"). */
public final class DatasetBodies {

    private DatasetBodies() {
    }

    public record RegisterDataset(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
                    message = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit")
            String code,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 32) String provider,
            @NotNull SubjectType subjectType,
            SharingClass sharingClass,
            @NotNull UpdateCycle updateCycle,
            @Size(max = 4000) String conditions,
            @Size(max = 4000) String legalBasis,
            @NotEmpty @Size(max = 500) List<@Valid @NotNull FieldDefinition> fields,
            @Size(max = 4000) String description) {
    }

    /** A PATCH: only what is given changes; {@code fields}, when given, is the whole new list. */
    public record EditDataset(
            @Size(min = 1, max = 200) String name,
            @Size(max = 4000) String description,
            UpdateCycle updateCycle,
            @Size(max = 4000) String conditions,
            @Size(max = 4000) String legalBasis,
            @Size(min = 1, max = 500) List<@Valid @NotNull FieldDefinition> fields) {
    }

    public record VersionView(int version, OffsetDateTime at, String by, List<String> changes) {

        public static VersionView of(DatasetVersion v) {
            return new VersionView(v.version, v.at, v.by, List.of(v.changes));
        }
    }

    public record VersionList(List<VersionView> versions) {
    }

    /** Art. 9: the classification's standing, and the proposal that waits, if one does. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClassificationView(ClassificationStatus status, SharingClass proposed, String proposedConditions,
                                     String proposedLegalBasis, OffsetDateTime proposedAt, LocalDate due,
                                     String objection) {

        static ClassificationView of(Dataset d) {
            return new ClassificationView(d.classificationStatus, d.proposedClass, d.proposedConditions,
                    d.proposedLegalBasis, d.proposedAt, d.classificationDue, d.classificationObjection);
        }
    }

    /** A retirement (Art. 3, 33): the reason is checked by the service, to answer 400 REASON_REQUIRED. */
    public record Retire(@Size(max = 2000) String reason, @NotNull LocalDate effectiveOn) {
    }

    public record RetirementView(String reason, LocalDate effectiveOn, OffsetDateTime requestedAt, String requestedBy,
                                 OffsetDateTime retiredAt) {

        static RetirementView of(Dataset d) {
            return d.retirementEffectiveOn == null ? null : new RetirementView(d.retirementReason,
                    d.retirementEffectiveOn, d.retirementRequestedAt, d.retirementRequestedBy, d.retiredAt);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DatasetView(String code, String name, String description, String provider, SubjectType subjectType,
                              SharingClass sharingClass, UpdateCycle updateCycle, String conditions,
                              String legalBasis, DatasetStatus status, ClassificationView classification,
                              int schemaVersion, List<FieldDefinition> fields,
                              OffsetDateTime registeredAt, OffsetDateTime classifiedAt,
                              DelayBodies.DelayMark delay, RetirementView retirement, OffsetDateTime lastPushAt) {

        public static DatasetView of(Dataset d) {
            return of(d, null, null);
        }

        /**
         * As read on a city day (a dataset whose retirement date has come reads RETIRED before the
         * job marks it; null: as stored), with its open delay report (Art. 28), when it has one.
         */
        public static DatasetView of(Dataset d, LocalDate today, DelayBodies.DelayMark delay) {
            return new DatasetView(d.code, d.name, d.description, d.provider, d.subjectType, d.sharingClass,
                    d.updateCycle, d.conditions, d.legalBasis, today == null ? d.status : d.statusOn(today),
                    d.status == DatasetStatus.PENDING_CLASSIFICATION ? null : ClassificationView.of(d),
                    d.schemaVersion, d.schema.fields(), d.registeredAt, d.classifiedAt, delay, RetirementView.of(d),
                    d.lastPushAt);
        }
    }

    public record DatasetList(List<DatasetView> datasets) {
    }
}
