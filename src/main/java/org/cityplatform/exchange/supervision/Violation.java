package org.cityplatform.exchange.supervision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A violation the center found (Art. 36), with the audit events that show it (Art. 31). */
@Entity
@Table(name = "violations")
public class Violation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String agency;

    /** The article violated, as the docs cite it: "Art. 36", "Art. 4(1)". */
    public String article;

    public String description;

    @Column(columnDefinition = "bigint[]")
    public Long[] evidence;

    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;

    @Column(name = "recorded_by")
    public String recordedBy;
}
