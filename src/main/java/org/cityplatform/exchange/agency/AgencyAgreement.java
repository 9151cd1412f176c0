package org.cityplatform.exchange.agency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One signature of the platform data use and protection agreement (Art. 32). */
@Entity
@Table(name = "agency_agreements")
public class AgencyAgreement {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String agency;

    public String version;

    @Column(name = "signed_by")
    public String signedBy;

    /** The token subject that recorded the signature: the person or system, not only the name typed. */
    @Column(name = "signed_sub")
    public String signedSub;

    @Column(name = "signed_at")
    public OffsetDateTime signedAt;
}
