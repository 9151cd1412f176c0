package org.cityplatform.exchange.access;

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

/** A consumer's application to read a dataset, stating purpose and the fields it needs (Art. 18). */
@Entity
@Table(name = "applications")
public class Application {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String consumer;

    public String dataset;

    public String purpose;

    @Column(columnDefinition = "text[]")
    public String[] fields;

    @Enumerated(EnumType.STRING)
    public DataUse use;

    @Column(name = "valid_until")
    public LocalDate validUntil;

    /** The kinds of read asked for (GrantScope names). */
    @Column(columnDefinition = "text[]")
    public String[] scopes;

    /** Art. 24: who acknowledged the duty of confidentiality, for CONDITIONAL and SPECIAL data. */
    @Column(name = "confidentiality_acknowledged_by")
    public String confidentialityAcknowledgedBy;

    /** Art. 24: who will know the data, by name or post. */
    @Column(name = "confidentiality_persons", columnDefinition = "text[]")
    public String[] confidentialityPersons;

    /** The provider's answer is due by this day while it is consulted (5 working days). */
    @Column(name = "provider_due")
    public LocalDate providerDue;

    /** When the consultation's lateness was announced; null while it is not late. */
    @Column(name = "provider_overdue_at")
    public OffsetDateTime providerOverdueAt;

    @Enumerated(EnumType.STRING)
    public ApplicationStatus status;

    /** The written reason of a refusal (Art. 18), or a note of the decision. */
    public String reason;

    @Column(name = "grant_id")
    public Long grantId;

    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;

    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    @Version
    public long version;
}
