package org.cityplatform.exchange.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A provider's report that it cannot update a dataset on time, why, and by when it expects to
 * (Art. 28). The filing transaction's id is kept by the database (V13) to tell the next push.
 */
@Entity
@Table(name = "delay_reports")
public class DelayReport {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String dataset;

    public String reason;

    @Column(name = "expected_by")
    public LocalDate expectedBy;

    @Column(name = "filed_at")
    public OffsetDateTime filedAt;

    @Column(name = "filed_by")
    public String filedBy;
}
