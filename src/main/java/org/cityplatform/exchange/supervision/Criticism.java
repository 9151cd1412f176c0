package org.cityplatform.exchange.supervision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The center's written criticism of an agency (Art. 35, 36), published with the year's report. */
@Entity
@Table(name = "criticisms")
public class Criticism {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String agency;

    public String text;

    /** The rectification order the criticism follows from, if any. */
    @Column(name = "order_id")
    public Long orderId;

    @Column(name = "issued_at")
    public OffsetDateTime issuedAt;

    @Column(name = "issued_by")
    public String issuedBy;
}
