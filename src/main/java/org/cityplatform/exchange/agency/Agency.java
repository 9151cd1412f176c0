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

    /** The person responsible for the agency's data sharing (Art. 28); null until named. */
    @Column(name = "contact_name")
    public String contactName;

    @Column(name = "contact_phone")
    public String contactPhone;

    @Column(name = "contact_email")
    public String contactEmail;

    @Version
    public long version;

    public boolean hasContact() {
        return contactName != null;
    }

    /** The contact as one line for a notice: who to reach about this agency's data (Art. 28). */
    public String contactLine() {
        return hasContact() ? contactName + ", " + contactPhone + ", " + contactEmail : null;
    }

    public boolean hasSignedAgreement() {
        return agreementSignedAt != null;
    }
}
