package org.cityplatform.exchange.agency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One published version of the platform data use and protection agreement (Art. 32). */
@Entity
@Table(name = "agreement_versions")
public class AgreementVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String version;

    public String title;

    public String text;

    /** Hex SHA-256 of the text's UTF-8 bytes: what a signature of this version committed to. */
    public String sha256;

    @Column(name = "effective_on")
    public LocalDate effectiveOn;

    /** The last day on which a signature of an earlier version still lets its agency read. */
    @Column(name = "grace_ends_on")
    public LocalDate graceEndsOn;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    @Column(name = "published_by")
    public String publishedBy;

    @Column(name = "notified_at")
    public OffsetDateTime notifiedAt;
}
