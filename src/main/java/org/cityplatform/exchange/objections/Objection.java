package org.cityplatform.exchange.objections;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A consumer's objection to one record, and every step of its handling (Art. 20). */
@Entity
@Table(name = "objections")
public class Objection {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String dataset;

    public String key;

    @Enumerated(EnumType.STRING)
    public ObjectionKind kind;

    public String description;

    public String consumer;

    @Column(name = "filed_by")
    public String filedBy;

    @Column(name = "filed_on")
    public LocalDate filedOn;

    @Column(name = "filed_at")
    public OffsetDateTime filedAt;

    @Enumerated(EnumType.STRING)
    public ObjectionStatus status;

    @Column(name = "review_due")
    public LocalDate reviewDue;

    @Enumerated(EnumType.STRING)
    @Column(name = "review_outcome")
    public ReviewOutcome reviewOutcome;

    @Column(name = "review_note")
    public String reviewNote;

    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "provider_due")
    public LocalDate providerDue;

    @Enumerated(EnumType.STRING)
    @Column(name = "provider_outcome")
    public ProviderOutcome providerOutcome;

    @Column(name = "provider_note")
    public String providerNote;

    @Column(name = "provider_answered_at")
    public OffsetDateTime providerAnsweredAt;

    @Column(name = "provider_answered_by")
    public String providerAnsweredBy;

    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;

    @Column(name = "review_overdue_at")
    public OffsetDateTime reviewOverdueAt;

    @Column(name = "provider_overdue_at")
    public OffsetDateTime providerOverdueAt;

    /**
     * The record's version when the objection was filed (Art. 20); null for an INCOMPLETE
     * objection about a key that was not stored then.
     */
    @Column(name = "record_version")
    public Long recordVersion;

    /** The record's version that corrected it, once resolved as CORRECTED (Art. 20). */
    @Column(name = "corrected_version")
    public Long correctedVersion;

    /** The record's data when the objection was filed, as JSON text, for the center's review. */
    @Column(name = "record_as_filed")
    public String recordAsFiled;

    @Version
    public long version;

    /** Past its current deadline on this day: the center's review, or the provider's check. */
    public boolean overdueOn(LocalDate today) {
        return switch (status) {
            case OPEN -> today.isAfter(reviewDue);
            case PROVIDER_CHECK -> today.isAfter(providerDue);
            case RESOLVED -> false;
        };
    }
}
