package org.cityplatform.exchange.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One transition of an application, kept with who made it and when. */
@Entity
@Table(name = "application_steps")
public class ApplicationStep {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Long application;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public ApplicationStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public ApplicationStatus toStatus;

    @Column(name = "by_sub")
    public String bySub;

    @Column(name = "by_agency")
    public String byAgency;

    public String note;

    public OffsetDateTime at;
}
