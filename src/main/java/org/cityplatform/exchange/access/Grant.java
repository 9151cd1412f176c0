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

/**
 * The right of one consumer to read some fields of one dataset for one use until a date: made by an
 * approved application or by the center's designation (Art. 18, 19).
 */
@Entity
@Table(name = "grants")
public class Grant {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String consumer;

    public String dataset;

    @Column(columnDefinition = "text[]")
    public String[] fields;

    public String purpose;

    @Enumerated(EnumType.STRING)
    public DataUse use;

    @Column(name = "valid_until")
    public LocalDate validUntil;

    /** The kinds of read it allows (GrantScope names). */
    @Column(columnDefinition = "text[]")
    public String[] scopes;

    /** Art. 24: who acknowledged confidentiality, as its application said; null when none was given. */
    @Column(name = "confidentiality_acknowledged_by")
    public String confidentialityAcknowledgedBy;

    @Column(name = "confidentiality_persons", columnDefinition = "text[]")
    public String[] confidentialityPersons;

    /** The application it came from; null for a direct designation. */
    public Long application;

    @Column(name = "granted_at")
    public OffsetDateTime grantedAt;

    @Column(name = "granted_by")
    public String grantedBy;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    /** Why the system revoked it (its dataset retired); null when the center did. */
    @Column(name = "revoked_reason")
    public String revokedReason;

    @Version
    public long version;
}
