package org.cityplatform.exchange.needs;

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
import org.cityplatform.exchange.identity.SubjectType;

/** The data an agency's duties need (Art. 11), and every step of meeting it. */
@Entity
@Table(name = "data_needs")
public class DataNeed {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The agency that filed the need. */
    public String agency;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "subject_type")
    public SubjectType subjectType;

    /** The data elements wanted, by name: the catalog's vocabulary, or the filer's words for what is missing. */
    @Column(columnDefinition = "text[]")
    public String[] elements;

    public String purpose;

    /** The duty the data serves: Art. 11 asks for needs that follow from an agency's duties. */
    @Column(name = "legal_duty")
    public String legalDuty;

    @Enumerated(EnumType.STRING)
    public DataNeedStatus status;

    @Column(name = "filed_at")
    public OffsetDateTime filedAt;

    @Column(name = "filed_by")
    public String filedBy;

    public String provider;

    @Column(name = "due_on")
    public LocalDate dueOn;

    @Column(name = "assigned_at")
    public OffsetDateTime assignedAt;

    @Column(name = "assigned_by")
    public String assignedBy;

    public String dataset;

    @Column(name = "fulfilled_at")
    public OffsetDateTime fulfilledAt;

    @Column(name = "fulfilled_by")
    public String fulfilledBy;

    @Column(name = "decline_reason")
    public String declineReason;

    @Column(name = "declined_at")
    public OffsetDateTime declinedAt;

    @Column(name = "declined_by")
    public String declinedBy;

    @Version
    public long version;

    /** The filer and the assigned provider are the agencies a need concerns; no other agency learns of it. */
    boolean concerns(String agencyCode) {
        return agencyCode != null && (agencyCode.equals(agency) || agencyCode.equals(provider));
    }
}
