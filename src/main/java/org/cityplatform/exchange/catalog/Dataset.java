package org.cityplatform.exchange.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.cityplatform.exchange.identity.SubjectType;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An entry of the city-wide catalog (Art. 3, 33). */
@Entity
@Table(name = "datasets")
public class Dataset {

    @Id
    public String code;

    public String name;

    public String description;

    /** The agency that collects the data and is its one authoritative source (Art. 4(1), 12). */
    public String provider;

    @Enumerated(EnumType.STRING)
    @Column(name = "subject_type")
    public SubjectType subjectType;

    /** Null only while a provider's registration waits for classification without a proposal. */
    @Enumerated(EnumType.STRING)
    @Column(name = "sharing_class")
    public SharingClass sharingClass;

    @Enumerated(EnumType.STRING)
    @Column(name = "update_cycle")
    public UpdateCycle updateCycle;

    public String conditions;

    @Column(name = "legal_basis")
    public String legalBasis;

    @Enumerated(EnumType.STRING)
    public DatasetStatus status;

    /** Field definitions, kept as one jsonb document: read whole, never queried field by field. */
    @JdbcTypeCode(SqlTypes.JSON)
    public DatasetSchema schema;

    @Column(name = "registered_at")
    public OffsetDateTime registeredAt;

    @Column(name = "registered_by")
    public String registeredBy;

    @Column(name = "classified_at")
    public OffsetDateTime classifiedAt;

    @Column(name = "classified_by")
    public String classifiedBy;

    /** Art. 9: whether the class in force is agreed with the provider, or a proposal waits beside it. */
    @Enumerated(EnumType.STRING)
    @Column(name = "classification_status")
    public ClassificationStatus classificationStatus = ClassificationStatus.AGREED;

    @Enumerated(EnumType.STRING)
    @Column(name = "proposed_class")
    public SharingClass proposedClass;

    @Column(name = "proposed_conditions")
    public String proposedConditions;

    @Column(name = "proposed_legal_basis")
    public String proposedLegalBasis;

    @Column(name = "proposed_at")
    public OffsetDateTime proposedAt;

    @Column(name = "proposed_by")
    public String proposedBy;

    /** The last day the provider may object to the proposal; silence past it is concurrence. */
    @Column(name = "classification_due")
    public LocalDate classificationDue;

    @Column(name = "classification_objection")
    public String classificationObjection;

    /** 1 at registration, one more with every accepted edit (dataset_versions). */
    @Column(name = "schema_version")
    public int schemaVersion = 1;

    /** Why and from which city day it is retired, and who asked when; null unless RETIRING or RETIRED. */
    @Column(name = "retirement_reason")
    public String retirementReason;

    @Column(name = "retirement_effective_on")
    public LocalDate retirementEffectiveOn;

    @Column(name = "retirement_requested_at")
    public OffsetDateTime retirementRequestedAt;

    @Column(name = "retirement_requested_by")
    public String retirementRequestedBy;

    @Column(name = "retired_at")
    public OffsetDateTime retiredAt;

    /**
     * The last push that received an item, changed or not (issue 18). Written by the push itself in
     * plain SQL, never through this entity, so a catalog edit cannot put an older value back.
     */
    @Column(name = "last_push_at", insertable = false, updatable = false)
    public OffsetDateTime lastPushAt;

    @Version
    public long version;

    /** The status as of this city day: a RETIRING dataset whose date has come is RETIRED, job or not. */
    public DatasetStatus statusOn(LocalDate today) {
        return status == DatasetStatus.RETIRING && !retirementEffectiveOn.isAfter(today) ? DatasetStatus.RETIRED : status;
    }
}
