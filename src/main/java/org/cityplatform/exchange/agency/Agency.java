package org.cityplatform.exchange.agency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

@Entity
@Table(name = "agencies")
public class Agency {

    /** The agency's unified social credit code in canonical form. */
    @Id
    public String code;

    public String name;

    @Enumerated(EnumType.STRING)
    public AgencyKind kind;

    @Enumerated(EnumType.STRING)
    public AgencyStatus status;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "registered_at")
    public OffsetDateTime registeredAt;

    @Column(name = "registered_by")
    public String registeredBy;

    /** The agreement in force (Art. 32); every signature is also kept in {@link AgencyAgreement}. */
    @Column(name = "agreement_version")
    public String agreementVersion;

    @Column(name = "agreement_signed_by")
    public String agreementSignedBy;

    @Column(name = "agreement_signed_at")
    public OffsetDateTime agreementSignedAt;

    @Version
    public long version;

    public boolean hasSignedAgreement() {
        return agreementSignedAt != null;
    }
}
