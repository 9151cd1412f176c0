package org.cityplatform.exchange.supervision;

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

/** The center's order to an agency to rectify a finding by a day (Art. 35), and every round of it. */
@Entity
@Table(name = "rectification_orders")
public class RectificationOrder {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The agency ordered to rectify. */
    public String agency;

    /** The dataset the finding concerns, when it concerns one. */
    public String dataset;

    public String finding;

    public String required;

    @Column(name = "due_working_days")
    public int dueWorkingDays;

    @Enumerated(EnumType.STRING)
    public OrderStatus status;

    @Column(name = "due_on")
    public LocalDate dueOn;

    @Column(name = "ordered_at")
    public OffsetDateTime orderedAt;

    @Column(name = "ordered_by")
    public String orderedBy;

    public String actions;

    @Column(name = "responded_at")
    public OffsetDateTime respondedAt;

    @Column(name = "responded_by")
    public String respondedBy;

    @Column(name = "close_note")
    public String closeNote;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    public int reopened;

    public boolean late;

    @Column(name = "overdue_notice_for")
    public LocalDate overdueNoticeFor;

    @Version
    public long version;

    /** Past its day with no response to the current round: the agency is late, not the center. */
    boolean overdueOn(LocalDate today) {
        return status == OrderStatus.OPEN && dueOn.isBefore(today);
    }
}
